package io.mpmetrics.metrics.internal;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.util.Bits;

import java.io.UncheckedIOException;

/**
 * The shared storage of one series (one metric with one set of label values): a
 * {@link SeriesHeader} followed by the cells of its type.
 *
 * <pre>
 * COUNTER    header | CounterStripes (S cells)
 * GAUGE      header | AtomicDouble value
 * SUMMARY    header | ObservationStripes (S stripes, no buckets)
 * HISTOGRAM  header | ObservationStripes (S stripes, n buckets)
 * STATESET   header | AtomicInt64 active state index
 * INFO       header
 * exemplars  a separate block of ExemplarSlots (1 for a counter, n for a histogram),
 *            allocated on the first exemplar so that series without exemplars pay nothing
 * </pre>
 */
public final class Series {
    /** Type ids stored in the header (never reorder). */
    public static final int COUNTER = 1;
    public static final int GAUGE = 2;
    public static final int SUMMARY = 3;
    public static final int HISTOGRAM = 4;
    public static final int STATESET = 5;
    public static final int INFO = 6;

    private final Region mem;
    private final Heap heap;
    private final int type;
    private final int exemplarCount;
    private final SharedLock lock;
    private final Int32Word exemplarState;
    private volatile ExemplarSlot[] exemplars;
    public final CounterStripes counter;
    public final AtomicDouble gauge;
    public final ObservationStripes observations;
    public final AtomicInt64 state;

    private Series(Region mem, Heap heap, int type, int buckets, int stripes) {
        Backend backend = heap.backend();
        this.mem = mem;
        this.heap = heap;
        this.type = type;
        this.lock = backend.newLock(mem, SeriesHeader.LOCK_OFFSET);
        this.exemplarState = backend.newInt32Word(mem, SeriesHeader.EXEMPLAR_STATE_OFFSET);
        int cells = SeriesHeader.CELLS_OFFSET;
        counter = type == COUNTER ? new CounterStripes(mem, cells, backend, stripes) : null;
        gauge = type == GAUGE ? backend.newAtomicDouble(mem, cells) : null;
        observations = type == SUMMARY || type == HISTOGRAM
                ? new ObservationStripes(mem, cells, at -> backend.newInt32Word(mem, at), stripes,
                        type == HISTOGRAM ? buckets : 0,
                        heap::slotGeneration, System::nanoTime) : null;
        state = type == STATESET ? backend.newAtomicInt64(mem, cells) : null;
        exemplarCount = type == COUNTER ? 1 : type == HISTOGRAM ? buckets : 0;
    }

    /** Bytes a series of {@code type} takes. */
    public static int size(int type, LayoutFamily family, int buckets, int stripes) {
        int cells = SeriesHeader.CELLS_OFFSET;
        switch (type) {
            case COUNTER:
                return cells + CounterStripes.size(family, stripes);
            case GAUGE:
                return cells + Bits.align(family.sizeOf(SharedKind.ATOMIC_DOUBLE), SeriesHeader.CACHE_LINE);
            case SUMMARY:
                return cells + ObservationStripes.size(stripes, 0);
            case HISTOGRAM:
                return cells + ObservationStripes.size(stripes, buckets);
            case STATESET:
                return cells + Bits.align(family.sizeOf(SharedKind.ATOMIC_INT64), SeriesHeader.CACHE_LINE);
            case INFO:
                return cells;
            default:
                throw new IllegalArgumentException("unknown series type " + type);
        }
    }

    /** Whether values of {@code type} are striped. */
    public static boolean striped(int type) {
        return type == COUNTER || type == SUMMARY || type == HISTOGRAM;
    }

    /** Writes the header of a fresh (zeroed) series block, before the series is published. */
    public static Series initialize(Region mem, Heap heap, int type, int buckets, int stripes, double createdSeconds) {
        mem.putDouble(SeriesHeader.CREATED_OFFSET, createdSeconds);
        mem.putInt(SeriesHeader.TYPE_OFFSET, type);
        mem.putInt(SeriesHeader.STRIPES_OFFSET, stripes);
        mem.putInt(SeriesHeader.BUCKET_COUNT_OFFSET, buckets);
        return new Series(mem, heap, type, buckets, stripes);
    }

    /**
     * A view of a series another process published, checking its header against what the
     * directory says it is.
     *
     * @throws CorruptRecordException if the header disagrees
     */
    public static Series attach(Region mem, Heap heap, int type, int buckets) {
        if (mem.length() < SeriesHeader.CELLS_OFFSET) {
            // The block size comes from the directory: too small to even hold a header.
            throw new CorruptRecordException(mem.describe(0) + ": series block of " + mem.length()
                    + " bytes is smaller than a series header (" + SeriesHeader.CELLS_OFFSET + ")");
        }
        int storedType = mem.getInt(SeriesHeader.TYPE_OFFSET);
        int storedBuckets = mem.getInt(SeriesHeader.BUCKET_COUNT_OFFSET);
        int stripes = mem.getInt(SeriesHeader.STRIPES_OFFSET);
        if (storedType != type || storedBuckets != buckets || !Stripes.valid(stripes)
                || (!striped(type) && stripes != 1)
                || mem.length() != size(type, heap.layoutFamily(), buckets, stripes)) {
            throw new CorruptRecordException(mem.describe(0) + ": series header says type " + storedType + ", "
                    + storedBuckets + " buckets, " + stripes + " stripes for a block of " + mem.length()
                    + " bytes; expected type " + type + " with " + buckets + " buckets");
        }
        return new Series(mem, heap, type, buckets, stripes);
    }

    /** When the series was created, in seconds since the epoch. */
    public double createdSeconds() {
        return mem.getDouble(SeriesHeader.CREATED_OFFSET);
    }

    public int type() {
        return type;
    }

    /**
     * Stores an exemplar in slot {@code index}, allocating the exemplar block on first use. The
     * exemplar is dropped (never waited for) if the slot or the allocation is busy, or if the
     * heap cannot grow.
     */
    public void offerExemplar(int index, byte[] labels, double value, long timestampMillis) {
        ExemplarSlot[] slots = exemplars(true);
        if (slots != null) {
            slots[index].offer(labels, value, timestampMillis);
        }
    }

    /** The exemplar in slot {@code index}, or null. */
    public ExemplarSlot.Stored exemplar(int index) {
        ExemplarSlot[] slots = exemplars(false);
        return slots == null ? null : slots[index].read();
    }

    private ExemplarSlot[] exemplars(boolean allocate) {
        ExemplarSlot[] slots = exemplars;
        if (slots != null || exemplarCount == 0) {
            return slots;
        }
        if (exemplarState.getVolatile() == 0) {
            if (!allocate || !lock.tryAcquire()) {
                return null;
            }
            try {
                if (exemplarState.getVolatile() == 0) {
                    Block block = heap.malloc((long) exemplarCount * ExemplarSlot.SIZE, 64);
                    mem.putLong(SeriesHeader.EXEMPLAR_BLOCK_OFFSET, block.start());
                    mem.putInt(SeriesHeader.EXEMPLAR_COUNT_OFFSET, exemplarCount);
                    exemplarState.setVolatile(1);
                }
            } catch (UncheckedIOException e) {
                return null;
            } finally {
                lock.release();
            }
        }
        long start = mem.getLong(SeriesHeader.EXEMPLAR_BLOCK_OFFSET);
        int count = mem.getInt(SeriesHeader.EXEMPLAR_COUNT_OFFSET);
        if (count != exemplarCount) {
            throw new CorruptRecordException(mem.describe(0) + ": series has " + count + " exemplar slots, expected "
                    + exemplarCount);
        }
        Region block;
        try {
            block = heap.block(start, (long) count * ExemplarSlot.SIZE).deref();
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException(mem.describe(0) + ": exemplar block link is invalid: " + e.getMessage());
        }
        slots = new ExemplarSlot[count];
        for (int i = 0; i < count; i++) {
            slots[i] = new ExemplarSlot(block, i * ExemplarSlot.SIZE, heap.backend());
        }
        exemplars = slots;
        return slots;
    }
}
