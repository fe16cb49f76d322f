package io.mpmetrics.metrics.internal;

import io.mpmetrics.lock.SharedLock;

/**
 * The first 64 bytes of every series block; the type-specific cells follow at
 * {@link #CELLS_OFFSET}.
 *
 * <pre>
 *  0  double  created (seconds since the epoch; written before the series is published)
 *  8  int     type id (MetricType id), checked on attach
 * 12  int     stripe count (power of two, 1..64): cells that writers spread over
 * 16  lock    series lock (16 bytes): taken to allocate the exemplar block
 * 32  int     bucket count (histograms; 0 otherwise), checked on attach
 * 36  int     exemplar state: 0 none yet, 1 allocated (then 40 and 48 are valid)
 * 40  long    exemplar block start (in the heap)
 * 48  int     exemplar slot count
 * 52..64      reserved
 * 64  cells
 * </pre>
 */
public final class SeriesHeader {
    private SeriesHeader() {
    }

    public static final int CREATED_OFFSET = 0;
    public static final int TYPE_OFFSET = 8;
    public static final int STRIPES_OFFSET = 12;
    public static final int LOCK_OFFSET = 16;
    public static final int BUCKET_COUNT_OFFSET = 32;
    public static final int EXEMPLAR_STATE_OFFSET = 36;
    public static final int EXEMPLAR_BLOCK_OFFSET = 40;
    public static final int EXEMPLAR_COUNT_OFFSET = 48;
    public static final int CELLS_OFFSET = 64;
    /** Cells start on their own cache line so that writers of different cells never share one. */
    public static final int CACHE_LINE = 64;

    static {
        if (LOCK_OFFSET + SharedLock.SIZE > BUCKET_COUNT_OFFSET) {
            throw new AssertionError("series header layout overlaps");
        }
    }
}
