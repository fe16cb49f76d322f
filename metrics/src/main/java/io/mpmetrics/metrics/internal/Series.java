package io.mpmetrics.metrics.internal;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.util.Bits;

import java.util.concurrent.TimeUnit;

/**
 * The shared storage of one series (one metric with one set of label values): a
 * {@link SeriesHeader} followed by the cells of its type.
 *
 * <pre>
 * COUNTER    header | CounterCell | ExemplarSlot
 * GAUGE      header | AtomicDouble value
 * SUMMARY    header | HotColdCell(0 buckets)
 * HISTOGRAM  header | HotColdCell(n buckets) | ExemplarSlot × n
 * STATESET   header | AtomicInt64 active state index
 * INFO       header
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
    private final int type;
    private final SharedLock collectLock;
    public final CounterCell counter;
    public final AtomicDouble gauge;
    public final HotColdCell observations;
    public final AtomicInt64 state;
    public final ExemplarSlot[] exemplars;

    private Series(Region mem, int type, int buckets, Backend backend) {
        this.mem = mem;
        this.type = type;
        this.collectLock = backend.newLock(mem, SeriesHeader.COLLECT_LOCK_OFFSET);
        int cells = SeriesHeader.CELLS_OFFSET;
        LayoutFamily family = backend.layoutFamily();
        counter = type == COUNTER ? new CounterCell(mem, cells, backend) : null;
        gauge = type == GAUGE ? backend.newAtomicDouble(mem, cells) : null;
        observations = type == SUMMARY || type == HISTOGRAM ? new HotColdCell(mem, cells, backend, buckets) : null;
        state = type == STATESET ? backend.newAtomicInt64(mem, cells) : null;
        if (type == COUNTER) {
            exemplars = new ExemplarSlot[] {new ExemplarSlot(mem, cells + CounterCell.size(family), backend)};
        } else if (type == HISTOGRAM) {
            exemplars = new ExemplarSlot[buckets];
            int base = cells + HotColdCell.size(family, buckets);
            for (int b = 0; b < buckets; b++) {
                exemplars[b] = new ExemplarSlot(mem, base + b * ExemplarSlot.SIZE, backend);
            }
        } else {
            exemplars = new ExemplarSlot[0];
        }
    }

    /** Bytes a series of {@code type} takes. */
    public static int size(int type, LayoutFamily family, int buckets) {
        int cells = SeriesHeader.CELLS_OFFSET;
        switch (type) {
            case COUNTER:
                return cells + CounterCell.size(family) + ExemplarSlot.SIZE;
            case GAUGE:
                return cells + Bits.align(family.sizeOf(SharedKind.ATOMIC_DOUBLE), SeriesHeader.CACHE_LINE);
            case SUMMARY:
                return cells + HotColdCell.size(family, 0);
            case HISTOGRAM:
                return cells + HotColdCell.size(family, buckets) + buckets * ExemplarSlot.SIZE;
            case STATESET:
                return cells + Bits.align(family.sizeOf(SharedKind.ATOMIC_INT64), SeriesHeader.CACHE_LINE);
            case INFO:
                return cells;
            default:
                throw new IllegalArgumentException("unknown series type " + type);
        }
    }

    /** Writes the header of a fresh (zeroed) series block, before the series is published. */
    public static Series initialize(Region mem, int type, int buckets, Backend backend, double createdSeconds) {
        mem.putDouble(SeriesHeader.CREATED_OFFSET, createdSeconds);
        mem.putInt(SeriesHeader.TYPE_OFFSET, type);
        mem.putInt(SeriesHeader.CELL_COUNT_OFFSET, 1);
        mem.putInt(SeriesHeader.BUCKET_COUNT_OFFSET, buckets);
        return new Series(mem, type, buckets, backend);
    }

    /**
     * A view of a series another process published, checking its header against what the
     * directory says it is.
     *
     * @throws CorruptRecordException if the header disagrees
     */
    public static Series attach(Region mem, int type, int buckets, Backend backend) {
        int storedType = mem.getInt(SeriesHeader.TYPE_OFFSET);
        int storedBuckets = mem.getInt(SeriesHeader.BUCKET_COUNT_OFFSET);
        int cells = mem.getInt(SeriesHeader.CELL_COUNT_OFFSET);
        if (storedType != type || storedBuckets != buckets || cells != 1) {
            throw new CorruptRecordException(mem.describe(0) + ": series header says type " + storedType + ", "
                    + storedBuckets + " buckets, " + cells + " cells; expected type " + type + ", " + buckets + " buckets");
        }
        return new Series(mem, type, buckets, backend);
    }

    /** When the series was created, in seconds since the epoch. */
    public double createdSeconds() {
        return mem.getDouble(SeriesHeader.CREATED_OFFSET);
    }

    /**
     * Collects observations consistently under the collect lock (waiting at most
     * {@code 2 s} for another scraper).
     *
     * @return {count, sum bits}, or null if another scraper kept the lock
     */
    public long[] collectObservations(long[] bucketsOut) {
        if (!collectLock.tryAcquire(2, TimeUnit.SECONDS)) {
            return null;
        }
        try {
            return observations.collect(bucketsOut);
        } finally {
            collectLock.release();
        }
    }

    public int type() {
        return type;
    }
}
