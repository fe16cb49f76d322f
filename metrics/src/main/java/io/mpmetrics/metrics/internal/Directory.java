package io.mpmetrics.metrics.internal;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.util.Bits;

import java.util.function.BiConsumer;

/**
 * The registry's shared, append-only log of records (metric definitions and series), in
 * segments chained through the heap. Any process appends under the directory lock; any
 * process reads without a lock up to each segment's committed length, so a reader only ever
 * sees whole records. Each process keeps its own read position and catches up incrementally,
 * so registering a series costs O(1) however many exist.
 *
 * <pre>
 * root block (heap root slot {@value #ROOT_SLOT}):
 *   0  SharedLock  lock (16 bytes), held to append
 *  16  long        first segment start
 *  24  int         MAGIC {@value #MAGIC}
 *  28  int         VERSION
 *
 * segment block:
 *   0  long  next segment start (valid once SEALED is set in committed)
 *   8  int   capacity: bytes of record space
 *  12  int   committed: bytes of whole records (volatile); bit 31 = SEALED
 *  16  records: | int length | byte kind | payload ... | pad to 4 |
 * </pre>
 *
 * Nothing read is trusted: lengths, kinds and segment links are checked and a bad one is a
 * {@link CorruptRecordException}. Segment links must point forward, so reading always ends.
 */
public final class Directory {
    /** The heap root slot that holds the directory's root block. */
    public static final int ROOT_SLOT = 0;
    public static final int MAGIC = 0x4D504D44; // "MPMD"
    /**
     * The layout of the metrics in the file: 2 since exemplar slots hold 128 characters of any
     * script and observation stripes record the holder's generation and the sum in flight.
     */
    public static final int VERSION = 2;
    public static final int ROOT_SIZE = 64;
    public static final int LOCK_OFFSET = 0;
    public static final int FIRST_SEGMENT_OFFSET = 16;
    public static final int MAGIC_OFFSET = 24;
    public static final int VERSION_OFFSET = 28;

    public static final int SEGMENT_NEXT_OFFSET = 0;
    public static final int SEGMENT_CAPACITY_OFFSET = 8;
    public static final int SEGMENT_COMMITTED_OFFSET = 12;
    public static final int SEGMENT_HEADER = 16;
    public static final int SEALED = 0x8000_0000;
    static final int DEFAULT_CAPACITY = 32 * 1024 - SEGMENT_HEADER;
    /** The largest record accepted (a metric with huge label values is refused before this). */
    public static final int MAX_RECORD = 1 << 20;

    private final Heap heap;
    private final Backend backend;
    private final SharedLock lock;
    // Read position (guarded by this).
    private Region segment;
    private Int32Word committed;
    private int offset;

    private Directory(Heap heap, Region root, Region firstSegment) {
        this.heap = heap;
        this.backend = heap.backend();
        this.lock = backend.newLock(root, LOCK_OFFSET);
        this.segment = firstSegment;
        this.committed = backend.newInt32Word(firstSegment, SEGMENT_COMMITTED_OFFSET);
        this.offset = 0;
    }

    /** The directory of {@code heap}, created if the heap has none yet. */
    public static Directory openOrCreate(Heap heap) {
        long root = heap.root(ROOT_SLOT);
        if (root == 0) {
            Block rootBlock = heap.malloc(ROOT_SIZE);
            Block first = newSegment(heap, DEFAULT_CAPACITY);
            Region r = rootBlock.deref();
            r.putLong(FIRST_SEGMENT_OFFSET, first.start());
            r.putInt(MAGIC_OFFSET, MAGIC);
            r.putInt(VERSION_OFFSET, VERSION);
            // Loses the race harmlessly if another process published its directory first.
            heap.compareAndSetRoot(ROOT_SLOT, 0, rootBlock.start());
            root = heap.root(ROOT_SLOT);
        }
        return open(heap, root);
    }

    /**
     * The existing directory of {@code heap}.
     *
     * @throws IllegalStateException if the heap has none
     * @throws CorruptRecordException if its root is damaged
     */
    public static Directory openExisting(Heap heap) {
        long root = heap.root(ROOT_SLOT);
        if (root == 0) {
            throw new IllegalStateException(heap.path() + ": holds no metrics registry (nothing was registered yet)");
        }
        return open(heap, root);
    }

    private static Directory open(Heap heap, long rootStart) {
        Region root = checkedBlock(heap, rootStart, ROOT_SIZE, "directory root").deref();
        if (root.getInt(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptRecordException(heap.path() + ": the metrics directory at " + rootStart
                    + " has a bad magic");
        }
        int version = root.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new CorruptRecordException(heap.path() + ": the metrics directory at " + rootStart
                    + " has layout version " + version + "; this version of mpmetrics reads version " + VERSION
                    + " (a file written by another version, or damaged)");
        }
        Region first = segmentAt(heap, root.getLong(FIRST_SEGMENT_OFFSET), 0);
        return new Directory(heap, root, first);
    }

    private static Block newSegment(Heap heap, int capacity) {
        Block block = heap.malloc(SEGMENT_HEADER + (long) capacity, 64);
        block.deref().putInt(SEGMENT_CAPACITY_OFFSET, capacity);
        return block;
    }

    private static Block checkedBlock(Heap heap, long start, long size, String what) {
        try {
            return heap.block(start, size);
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException(heap.path() + ": " + what + " link is invalid: " + e.getMessage());
        }
    }

    private static Region segmentAt(Heap heap, long start, long previous) {
        if (start <= previous) {
            throw new CorruptRecordException(heap.path() + ": directory segment link " + start
                    + " does not point forward from " + previous);
        }
        Region head = checkedBlock(heap, start, SEGMENT_HEADER, "directory segment").deref();
        int capacity = head.getInt(SEGMENT_CAPACITY_OFFSET);
        if (capacity <= 0 || capacity > MAX_RECORD + 8L + DEFAULT_CAPACITY) {
            throw new CorruptRecordException(heap.path() + ": directory segment at " + start + " has capacity " + capacity);
        }
        return checkedBlock(heap, start, SEGMENT_HEADER + (long) capacity, "directory segment").deref();
    }

    /** The lock held to append. */
    public SharedLock lock() {
        return lock;
    }

    /**
     * Delivers every record committed since the last call, in order, to {@code sink}
     * ({@code kind}, payload).
     *
     * @throws CorruptRecordException naming the file if the log is damaged
     */
    public synchronized void catchUp(BiConsumer<Integer, byte[]> sink) {
        while (true) {
            int word = committed.getVolatile();
            int end = word & ~SEALED;
            int capacity = segment.length() - SEGMENT_HEADER;
            if (end > capacity || end < offset) {
                throw corrupt("committed length " + end + " outside 0.." + capacity);
            }
            while (offset < end) {
                if (end - offset < 5) {
                    // Not even a length and a kind: a damaged committed length or capacity.
                    throw corrupt("committed length " + end + " ends inside a record header at " + offset);
                }
                int length = segment.getInt(SEGMENT_HEADER + offset);
                if (length < 1 || length > end - offset - 4) {
                    throw corrupt("record length " + length + " at " + offset);
                }
                int kind = segment.getByte(SEGMENT_HEADER + offset + 4) & 0xFF;
                byte[] payload = new byte[length - 1];
                segment.getBytes(SEGMENT_HEADER + offset + 5, payload, 0, payload.length);
                // Advance only once applied: a record that fails keeps failing, it is never skipped.
                sink.accept(kind, payload);
                offset += Bits.align(4 + length, 4);
            }
            if ((word & SEALED) == 0) {
                return;
            }
            long here = segment.fileOffset();
            segment = segmentAt(heap, segment.getLong(SEGMENT_NEXT_OFFSET), here);
            committed = backend.newInt32Word(segment, SEGMENT_COMMITTED_OFFSET);
            offset = 0;
        }
    }

    /**
     * Appends a record. The caller holds {@link #lock()} and has caught up (so it has seen
     * everything before this record); the next {@link #catchUp} delivers the record like any other.
     */
    public synchronized void append(int kind, byte[] payload) {
        append(kind, payload, false);
    }

    /**
     * {@link #append} for a record the caller has applied to its own state already: this reader
     * moves past it, so the caller does not decode its own record again (other processes, and
     * other readers in this one, see it as usual).
     */
    public synchronized void appendApplied(int kind, byte[] payload) {
        append(kind, payload, true);
    }

    private void append(int kind, byte[] payload, boolean applied) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("append needs the directory lock");
        }
        int length = payload.length + 1;
        if (length > MAX_RECORD) {
            throw new IllegalArgumentException("directory record of " + length + " bytes exceeds " + MAX_RECORD);
        }
        int word = committed.getVolatile();
        if ((word & SEALED) != 0 || (word & ~SEALED) != offset) {
            throw new IllegalStateException("append before catching up with the directory");
        }
        int needed = Bits.align(4 + length, 4);
        int capacity = segment.length() - SEGMENT_HEADER;
        if (offset + needed > capacity) {
            Block next = newSegment(heap, Math.max(DEFAULT_CAPACITY, needed));
            Region nextRegion = next.deref();
            write(nextRegion, 0, kind, payload);
            Int32Word nextCommitted = backend.newInt32Word(nextRegion, SEGMENT_COMMITTED_OFFSET);
            nextCommitted.setVolatile(needed);
            segment.putLong(SEGMENT_NEXT_OFFSET, next.start());
            committed.setVolatile(offset | SEALED);
            if (applied) {
                segment = nextRegion;
                committed = nextCommitted;
                offset = needed;
            }
            return;
        }
        write(segment, offset, kind, payload);
        committed.setVolatile(offset + needed);
        if (applied) {
            offset += needed;
        }
    }

    private static void write(Region segment, int offset, int kind, byte[] payload) {
        segment.putInt(SEGMENT_HEADER + offset, payload.length + 1);
        segment.putByte(SEGMENT_HEADER + offset + 4, (byte) kind);
        segment.putBytes(SEGMENT_HEADER + offset + 5, payload, 0, payload.length);
    }

    private CorruptRecordException corrupt(String what) {
        return new CorruptRecordException(heap.path() + ": metrics directory segment at " + segment.fileOffset()
                + " is corrupt: " + what);
    }
}
