package io.mpmetrics.heap;

import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.lock.ProcessLiveness;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.util.Bits;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import static io.mpmetrics.heap.HeapHeader.*;

/**
 * A shared-memory allocator over a named file: the spec's {@code mpmetrics.heap.Heap}.
 * Unrelated JVMs attach to the same heap by its path.
 *
 * <p>The algorithm is the spec's arena: {@code start = align(base, alignment); base = start + size},
 * under the heap's cross-process lock; nothing is ever freed. The file is mapped in chunks of
 * {@link #mapSize()} bytes; a block never crosses a chunk boundary, and a block larger than a
 * chunk starts on a chunk boundary and is mapped in one go. Chunks that another process added
 * are mapped lazily by {@link Block#deref()}. Growing the file writes its new pages, so a full
 * disk or {@code /dev/shm} is an {@link IOException} (wrapped in an
 * {@link UncheckedIOException} by {@link #malloc}), never a SIGBUS later.
 *
 * <pre>
 * file:  | header (HeapHeader) | block | pad | block ... | chunk boundary | block ...
 *        0                     DATA_START                k * mapSize
 * </pre>
 *
 * <p>Files are private: created 0600 (directories 0700), symlinks are not followed, files of
 * other users are refused. The file records its format version, layout family, byte order and
 * map size; opening checks them all and names the file and the problem on a mismatch.
 *
 * <pre>{@code
 * try (Heap heap = Heap.create(Path.of("/dev/shm/app.mpm"))) {
 *     Block block = heap.malloc(64);
 *     block.deref().putLong(0, 42);
 * }
 * // another JVM:
 * try (Heap heap = Heap.openExisting(Path.of("/dev/shm/app.mpm"))) { ... }
 * }</pre>
 */
public final class Heap implements Closeable {
    /** The chunk size of new heaps unless told otherwise. */
    public static final long DEFAULT_MAP_SIZE = 64 * 1024;
    /** The alignment of {@link #malloc(long)}, as in the spec. */
    public static final long DEFAULT_ALIGNMENT = 64;

    private final SharedFile file;
    private final Backend backend;
    private final SharedLock lock;
    private volatile boolean closed;

    private Heap(SharedFile file, Backend backend) {
        this.file = file;
        this.backend = backend;
        this.lock = backend.newLock(file.header, LOCK_OFFSET);
    }

    /**
     * The directory for heap files without an explicit path: {@code /dev/shm/mpmetrics-USER}
     * (else under {@code java.io.tmpdir}), created 0700 if missing.
     *
     * @throws HeapFileException if it exists but is a symlink, not ours, or open to others
     */
    public static Path defaultDirectory() throws IOException {
        return HeapFiles.defaultDirectory();
    }

    /** Creates a new heap file with a unique name in {@link #defaultDirectory()}, with the selected backend. */
    public static Heap create() throws IOException {
        String name = "heap-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".mpm";
        return create(defaultDirectory().resolve(name));
    }

    /** Creates a new heap at {@code file} with the selected backend and the default map size. */
    public static Heap create(Path file) throws IOException {
        return create(file, Backends.select(), DEFAULT_MAP_SIZE);
    }

    /**
     * Creates a new heap at {@code file}.
     *
     * @param mapSize the chunk size: a power of two from the page size (4096) to 1 GiB
     * @throws HeapFileException if the file exists, the path is refused or the map size is
     *     invalid; arguments are checked before anything is created, so a refused call leaves no
     *     file (and no directory) behind and never touches an existing file
     */
    public static Heap create(Path file, Backend backend, long mapSize) throws IOException {
        Path path = checkedArguments(file, backend, mapSize);
        return new Heap(SharedFile.attach(path, backend, true, true, mapSize), backend);
    }

    /**
     * Opens an existing heap with the best backend for it: the forced one
     * ({@code -Dmpmetrics.backend}) if any, else the best backend of the layout family recorded
     * in the file (so an exporter reads a file of the locking backend without configuration).
     */
    public static Heap openExisting(Path file) throws IOException {
        return openExisting(file, backendFor(absolute(file)));
    }

    /**
     * Opens an existing heap, validating its header.
     *
     * @throws HeapFileException if it is missing, not a heap file, truncated, or of another
     *     format version, layout family or byte order
     */
    public static Heap openExisting(Path file, Backend backend) throws IOException {
        return new Heap(SharedFile.attach(absolute(file), backend, false, false, DEFAULT_MAP_SIZE), backend);
    }

    /**
     * Opens the heap at {@code file}, creating it (default map size) if it does not exist; an
     * existing file is opened with the best backend for its layout family, as {@link #openExisting(Path)}.
     */
    public static Heap openOrCreate(Path file) throws IOException {
        return openOrCreate(file, backendFor(absolute(file)), DEFAULT_MAP_SIZE);
    }

    /** The forced or selected backend, or for an existing heap file the best one of its family. */
    private static Backend backendFor(Path file) {
        LayoutFamily family = Backends.forcedName() == null ? HeapFiles.peekFamily(file) : null;
        return family == null ? Backends.select() : Backends.select(family);
    }

    /**
     * Opens the heap at {@code file}, creating it if it does not exist. When several processes
     * do this at once, exactly one initializes the file and all share it.
     *
     * @param mapSize the chunk size if the file is created (an existing file keeps its own); it
     *     must be valid either way, and is checked before anything is created
     */
    public static Heap openOrCreate(Path file, Backend backend, long mapSize) throws IOException {
        Path path = checkedArguments(file, backend, mapSize);
        return new Heap(SharedFile.attach(path, backend, true, false, mapSize), backend);
    }

    private static Path absolute(Path file) {
        return Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }

    /** Checks every argument of a call that may create a file, before it creates anything. */
    private static Path checkedArguments(Path file, Backend backend, long mapSize) throws HeapFileException {
        Path path = absolute(file);
        Objects.requireNonNull(backend, "backend");
        SharedFile.checkMapSize(path, mapSize);
        return path;
    }

    /**
     * Allocates {@code size} bytes aligned to {@value #DEFAULT_ALIGNMENT}.
     *
     * @see #malloc(long, long)
     */
    public Block malloc(long size) {
        return malloc(size, DEFAULT_ALIGNMENT);
    }

    /**
     * Allocates at least {@code size} bytes of zeroed shared memory aligned to {@code alignment}.
     *
     * @throws IllegalArgumentException if {@code size <= 0}, {@code alignment} is not a power
     *     of two, or the block would exceed 2 GiB
     * @throws UncheckedIOException if the file cannot grow (e.g. the disk is full); nothing
     *     already allocated is affected
     */
    public Block malloc(long size, long alignment) {
        if (size <= 0) {
            throw new IllegalArgumentException("malloc size must be positive, got " + size);
        }
        Bits.requirePowerOfTwo(alignment, "malloc alignment");
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("malloc size " + size + " exceeds the 2 GiB limit of one block");
        }
        checkOpen();
        long mapSize = file.mapSize;
        try (LockGuard held = lock.lock()) {
            long base = file.header.getLong(BASE_OFFSET);
            long start;
            if (size > mapSize) {
                start = Bits.align(base, Math.max(mapSize, alignment));
            } else {
                start = Bits.align(base, alignment);
                if (start / mapSize != (start + size - 1) / mapSize) {
                    start = Bits.align(start, mapSize);
                }
            }
            long end = Math.addExact(start, size);
            file.grow(Bits.align(end, mapSize));
            file.header.putLong(BASE_OFFSET, end);
            return new Block(this, start, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The block {@code (start, size)} of this heap, e.g. one another process allocated and
     * passed on. It is checked: it must lie in allocated memory and have the shape malloc gives
     * (within one chunk, or chunk-aligned if larger than a chunk).
     *
     * @throws IllegalArgumentException if it does not
     */
    public Block block(long start, long size) {
        checkOpen();
        checkBlock(start, size);
        return new Block(this, start, size);
    }

    private void checkBlock(long start, long size) {
        long mapSize = file.mapSize;
        if (size <= 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file.path + ": bad block size " + size);
        }
        if (start < DATA_START) {
            throw new IllegalArgumentException(file.path + ": block @" + start + " would overlap the header (data starts at "
                    + DATA_START + ")");
        }
        long base = used();
        if (start > base - size) {
            throw new IllegalArgumentException(file.path + ": block @" + start + " of " + size
                    + " bytes lies beyond the allocated end " + base);
        }
        if (size <= mapSize ? start / mapSize != (start + size - 1) / mapSize : start % mapSize != 0) {
            throw new IllegalArgumentException(file.path + ": block @" + start + " of " + size
                    + " bytes crosses a chunk boundary (map size " + mapSize + ")");
        }
    }

    /** The memory of a checked block, mapping its chunk if needed. */
    Region deref(long start, long size) {
        checkBlock(start, size);
        try {
            Region mapping = file.mappingFor(start, size);
            return mapping.slice((int) (start - mapping.fileOffset()), (int) size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The heap file. */
    public Path path() {
        return file.path;
    }

    /** The backend this heap's locks and atomics use. */
    public Backend backend() {
        return backend;
    }

    /** The layout family recorded in the file. */
    public LayoutFamily layoutFamily() {
        return file.family;
    }

    /** The chunk size recorded in the file. */
    public long mapSize() {
        return file.mapSize;
    }

    /** The end of allocated memory (the spec's {@code base}): bytes in use, header included. */
    public long used() {
        return file.header.getLong(BASE_OFFSET);
    }

    /** The current size of the file. */
    public long fileSize() throws IOException {
        return file.channel.size();
    }

    /** The heap's own cross-process lock (guards allocation and the roots). */
    public SharedLock lock() {
        return lock;
    }

    /** Who this process is to the locks in this heap, and whether others are alive. */
    public ProcessLiveness liveness() {
        return file;
    }

    /**
     * The current generation of process slot {@code slot} ({@code 0..}{@value HeapHeader#SLOT_COUNT}{@code -1}):
     * it changes each time a process claims the slot, so something that records a slot and the
     * generation it had (as {@link io.mpmetrics.lock.ProcessLiveness} tokens do) is known to
     * belong to a process that is gone once they differ.
     */
    public int slotGeneration(int slot) {
        if (slot < 0 || slot >= SLOT_COUNT) {
            throw new IndexOutOfBoundsException("process slot " + slot + " outside 0.." + (SLOT_COUNT - 1));
        }
        return file.slotGeneration(slot);
    }

    /**
     * Root slot {@code index} ({@code 0..}{@value HeapHeader#ROOT_COUNT}{@code -1}): the offset
     * of a well-known object, 0 if unset.
     */
    public long root(int index) {
        return file.header.getLong(rootOffset(index));
    }

    /**
     * Sets root slot {@code index} to {@code value} if it holds {@code expected}, under the heap lock.
     *
     * @return whether it was set
     */
    public boolean compareAndSetRoot(int index, long expected, long value) {
        int offset = rootOffset(index);
        checkOpen();
        try (LockGuard held = lock.lock()) {
            if (file.header.getLong(offset) != expected) {
                return false;
            }
            file.header.putLong(offset, value);
            return true;
        }
    }

    private static int rootOffset(int index) {
        if (index < 0 || index >= ROOT_COUNT) {
            throw new IndexOutOfBoundsException("root index " + index + " outside 0.." + (ROOT_COUNT - 1));
        }
        return ROOTS_OFFSET + 8 * index;
    }

    /** The header's memory, for tools that inspect a file. */
    public Region header() {
        return file.header.slice(0, HEADER_SIZE);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("heap " + file.path + " is closed");
        }
    }

    /**
     * Detaches from the file. Memory already handed out stays mapped until it is unreachable;
     * when the last heap of this file in this JVM closes, this process's slot is released.
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            file.release();
        }
    }

    @Override
    public String toString() {
        return "Heap[" + file.path + ", " + backend.name() + ", used " + used() + "]";
    }
}
