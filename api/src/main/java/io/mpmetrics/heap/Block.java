package io.mpmetrics.heap;

/**
 * A block of memory allocated from a {@link Heap}: the spec's {@code Heap.Block}. It is
 * identified by (heap file, start, size), so another JVM re-creates the same block with
 * {@link Heap#block(long, long)}.
 *
 * <pre>{@code
 * Block b = heap.malloc(64);
 * Region mem = b.deref();
 * mem.putLong(0, 7);
 * // in another JVM:
 * Region same = Heap.openExisting(path).block(b.start(), b.size()).deref();
 * }</pre>
 */
public final class Block {
    private final Heap heap;
    private final long start;
    private final long size;

    /**
     * Creates a block; see {@link Heap#block(long, long)} for the checked way.
     *
     * @param heap the heap this block is from
     * @param start the offset of this block within the heap
     * @param size the size of this block
     */
    Block(Heap heap, long start, long size) {
        this.heap = heap;
        this.start = start;
        this.size = size;
    }

    /** The heap this block is from. */
    public Heap heap() {
        return heap;
    }

    /** The offset of this block within the heap file. */
    public long start() {
        return start;
    }

    /** The size of this block in bytes. */
    public long size() {
        return size;
    }

    /**
     * The memory of this block, mapping chunks that another process added if needed.
     * Reads and writes outside the block are exceptions.
     */
    public Region deref() {
        return heap.deref(start, size);
    }

    /** Frees this block: a no-op, as in the spec (the arena never reuses memory). */
    public void free() {
        // The spec's arena keeps no free list.
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block && ((Block) o).heap == heap && ((Block) o).start == start && ((Block) o).size == size;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(start) * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return "Block[" + heap.path() + " @" + start + ", " + size + " bytes]";
    }
}
