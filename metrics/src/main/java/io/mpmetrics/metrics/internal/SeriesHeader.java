package io.mpmetrics.metrics.internal;

import io.mpmetrics.lock.SharedLock;

/**
 * The first 64 bytes of every series block; the type-specific cells follow at
 * {@link #CELLS_OFFSET}.
 *
 * <pre>
 *  0  double  created (seconds since the epoch; written before the series is published)
 *  8  int     type id (MetricType ordinal + 1), checked on attach
 * 12  int     cell count (values striped over cells are summed when read; 1 today)
 * 16  lock    collect lock (16 bytes): serializes scrapers of hot/cold series
 * 32  int     bucket count (histograms; 0 otherwise), checked on attach
 * 36..64      reserved
 * 64  cells
 * </pre>
 */
public final class SeriesHeader {
    private SeriesHeader() {
    }

    public static final int CREATED_OFFSET = 0;
    public static final int TYPE_OFFSET = 8;
    public static final int CELL_COUNT_OFFSET = 12;
    public static final int COLLECT_LOCK_OFFSET = 16;
    public static final int BUCKET_COUNT_OFFSET = 32;
    public static final int CELLS_OFFSET = 64;
    /** Cells start on their own cache line so that writers of different cells never share one. */
    public static final int CACHE_LINE = 64;

    static {
        if (COLLECT_LOCK_OFFSET + SharedLock.SIZE > BUCKET_COUNT_OFFSET) {
            throw new AssertionError("series header layout overlaps");
        }
    }
}
