package io.mpmetrics.types;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;

/**
 * The memory behind {@link SharedObject}, {@link SharedList} and {@link SharedDict}: a
 * 24-byte header naming a separate heap block that holds the encoded value.
 *
 * <pre>
 *  header (24 bytes, 8-aligned)              data block (heap.malloc, 4x the encoded length)
 *  0        8        16       24             start                start+length   start+size
 *  +--------+--------+--------+              +--------------------+--------------+
 *  | start  | size   | length |  ------->    | encoded value      | unused       |
 *  +--------+--------+--------+              +--------------------+--------------+
 * </pre>
 *
 * <p>{@code length == 0} means "no value yet" (the type's empty value); a fresh, zeroed
 * header is therefore valid and nothing is allocated until the first write. When an
 * encoding outgrows the block, a block 4 times its length is allocated (the arena never
 * reuses memory, so growing by a lot keeps the waste of old blocks bounded), as in the spec.
 * The header is read from shared memory every time and checked before use.
 */
final class EncodedStore {
    static final int START_OFFSET = 0;
    static final int SIZE_OFFSET = 8;
    static final int LENGTH_OFFSET = 16;
    static final int SIZE = 24;
    static final int ALIGNMENT = 8;
    static final int GROWTH = 4;
    static final long DATA_ALIGNMENT = 8;

    /** What {@link #read()} returns when no value was stored. */
    static final Object EMPTY = new Object();

    private final Region header;
    private final Heap heap;
    private final Codec codec;
    private long cachedStart = -1;
    private long cachedSize;
    private Region cachedData;

    EncodedStore(Region header, Heap heap, Codec codec) {
        header.index(0, SIZE, ALIGNMENT);
        this.header = header;
        this.heap = heap;
        this.codec = codec;
    }

    Codec codec() {
        return codec;
    }

    /**
     * The stored value, or {@link #EMPTY}.
     *
     * @throws CodecException if the header or the bytes are corrupt
     */
    Object read() {
        long start = header.getLong(START_OFFSET);
        long size = header.getLong(SIZE_OFFSET);
        long length = header.getLong(LENGTH_OFFSET);
        if (length == 0) {
            return EMPTY;
        }
        checkHeader(start, size, length);
        byte[] bytes = new byte[(int) length];
        data(start, size).getBytes(0, bytes, 0, bytes.length);
        return codec.decode(bytes, 0, bytes.length);
    }

    /** Stores {@code value}, moving it to a larger block if it does not fit. */
    void write(Object value) {
        byte[] bytes = codec.encode(value);
        if (bytes.length == 0) {
            throw new IllegalStateException("codec " + codec.name() + " encoded a value as 0 bytes");
        }
        long start = header.getLong(START_OFFSET);
        long size = header.getLong(SIZE_OFFSET);
        checkHeader(start, size, header.getLong(LENGTH_OFFSET));
        Region data;
        if (bytes.length > size) {
            // The old block is abandoned: the spec frees it, but the arena's free is a no-op.
            size = Math.max(bytes.length, Math.min((long) GROWTH * bytes.length, Layouts.LIMIT));
            Block block = heap.malloc(size, DATA_ALIGNMENT);
            start = block.start();
            data = block.deref();
            cachedStart = start;
            cachedSize = size;
            cachedData = data;
        } else {
            data = data(start, size);
        }
        data.putBytes(0, bytes, 0, bytes.length);
        header.putLong(START_OFFSET, start);
        header.putLong(SIZE_OFFSET, size);
        header.putLong(LENGTH_OFFSET, bytes.length);
    }

    /** Forgets the value (the block is kept for the next write). */
    void clear() {
        header.putLong(LENGTH_OFFSET, 0);
    }

    private void checkHeader(long start, long size, long length) {
        if (size == 0 && length == 0) {
            return;
        }
        if (start < 0 || size <= 0 || size > Layouts.LIMIT || length < 0 || length > size) {
            throw new CodecException("corrupt header at " + header.describe(0) + ": start " + start + ", size "
                    + size + ", length " + length);
        }
    }

    private Region data(long start, long size) {
        if (start != cachedStart || size != cachedSize) {
            Region data;
            try {
                data = heap.block(start, size).deref();
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new CodecException("header at " + header.describe(0) + " names a block outside the heap: start "
                        + start + ", size " + size, e);
            }
            cachedData = data;
            cachedStart = start;
            cachedSize = size;
        }
        return cachedData;
    }
}
