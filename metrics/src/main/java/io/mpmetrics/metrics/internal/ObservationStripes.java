package io.mpmetrics.metrics.internal;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.util.Bits;

import java.nio.ByteBuffer;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Observations (count, sum, bucket counts) striped over cache-line-aligned cells, each guarded
 * by a sequence word (a seqlock), so that every scrape reads count, sum and buckets of the same
 * observations while other processes keep observing.
 *
 * <pre>
 * stripe (stride = align(24 + 8 n, 64)):
 *  0  int    seq: even = stable; odd = a writer is inside
 *  4  int    (reserved)
 *  8  long   count
 * 16  double sum
 * 24  long   bucket[0 .. n-1]
 * </pre>
 *
 * <p><b>Writers</b> pick their thread's stripe; if its {@code seq} is odd (another writer is
 * inside) they move to the next stripe. They take a stripe with one 32-bit compare-and-set
 * (even to odd), update the values with plain writes and publish with a release store (odd to
 * even): one atomic instruction per observation, and no other process's cache line touched
 * when stripes are not shared. Only 32-bit atomics are used, so this also serves the LOCKING
 * layout family.
 *
 * <p><b>Readers</b> read each stripe between two equal even {@code seq} values and sum the
 * stripes; every observation lies wholly in one stripe, so the total is consistent.
 *
 * <p><b>A writer that died inside a stripe</b> leaves its {@code seq} odd. A reader or writer
 * that sees the same odd value for {@link #STUCK_NANOS} takes the stripe over (odd to the next
 * odd), sets its count to its bucket total (histograms) so that it is consistent again, and
 * publishes it. The dead writer's observation counts in the buckets it reached; its sum may
 * or may not include the value. Nothing waits longer than that bound.
 */
public final class ObservationStripes {
    /** How long a stripe may stay odd before it is taken to be held by a dead writer. */
    public static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int SEQ = 0;
    static final int COUNT = 8;
    static final int SUM = 16;
    static final int BUCKETS = 24;

    private final ByteBuffer buf;
    private final Int32Word[] seq;
    private final int[] base;
    private final int mask;
    private final int bucketCount;

    ObservationStripes(Region mem, int offset, Backend backend, int stripes, int bucketCount) {
        // Checked once here; the hot path then uses absolute indexes into the native-order buffer.
        this.buf = mem.buffer();
        this.bucketCount = bucketCount;
        this.mask = stripes - 1;
        this.seq = new Int32Word[stripes];
        this.base = new int[stripes];
        int stride = stride(bucketCount);
        for (int s = 0; s < stripes; s++) {
            seq[s] = backend.newInt32Word(mem, offset + s * stride + SEQ);
            base[s] = mem.index(offset + s * stride, stride, 8);
        }
    }

    static int stride(int bucketCount) {
        return Bits.align(BUCKETS + 8 * bucketCount, SeriesHeader.CACHE_LINE);
    }

    /** Bytes the stripes take. */
    public static int size(int stripes, int bucketCount) {
        return stripes * stride(bucketCount);
    }

    /** Records one observation of {@code value} in {@code bucket} (ignored when there are no buckets). */
    public void observe(double value, int bucket) {
        int start = Stripes.index();
        long waitingSince = 0;
        int[] stuck = null;
        for (int i = 0; ; i++) {
            int s = (start + i) & mask;
            Int32Word word = seq[s];
            int v = word.getVolatile();
            if ((v & 1) == 0 && word.compareAndSet(v, v + 1)) {
                int b = base[s];
                if (bucketCount > 0) {
                    int at = b + BUCKETS + 8 * bucket;
                    buf.putLong(at, buf.getLong(at) + 1);
                }
                buf.putDouble(b + SUM, buf.getDouble(b + SUM) + value);
                buf.putLong(b + COUNT, buf.getLong(b + COUNT) + 1);
                word.setRelease(v + 2);
                return;
            }
            if (i > mask) {
                // Every stripe was busy: back off, and after a long while repair stripes of dead writers.
                Thread.onSpinWait();
                if ((i & 1023) == 0) {
                    long now = System.nanoTime();
                    if (stuck == null) {
                        stuck = new int[mask + 1];
                        for (int r = 0; r <= mask; r++) {
                            stuck[r] = seq[r].getVolatile();
                        }
                        waitingSince = now;
                    } else if (now - waitingSince > STUCK_NANOS) {
                        for (int r = 0; r <= mask; r++) {
                            repair(r, stuck[r]);
                        }
                        stuck = null;
                    }
                }
            }
        }
    }

    /**
     * Adds every stripe into {@code bucketsOut} (non-cumulative counts, which must be zeroed
     * by the caller) and returns {count, sum bits}.
     */
    public long[] read(long[] bucketsOut) {
        long count = 0;
        double sum = 0;
        long[] stripe = new long[bucketCount];
        for (int s = 0; s <= mask; s++) {
            int b = base[s];
            int oddSeen = 0;
            long oddSince = 0;
            while (true) {
                int v1 = seq[s].getVolatile();
                if ((v1 & 1) != 0) {
                    // Only the same odd value for the whole bound means a dead writer; a busy stripe moves on.
                    long now = System.nanoTime();
                    if (v1 != oddSeen) {
                        oddSeen = v1;
                        oddSince = now;
                    } else if (now - oddSince > STUCK_NANOS) {
                        repair(s, v1);
                    }
                    Thread.yield();
                    continue;
                }
                long c = buf.getLong(b + COUNT);
                double sm = buf.getDouble(b + SUM);
                for (int k = 0; k < bucketCount; k++) {
                    stripe[k] = buf.getLong(b + BUCKETS + 8 * k);
                }
                VarHandle.acquireFence();
                if (seq[s].getVolatile() == v1) {
                    count += c;
                    sum += sm;
                    for (int k = 0; k < bucketCount; k++) {
                        bucketsOut[k] += stripe[k];
                    }
                    break;
                }
            }
        }
        return new long[] {count, Double.doubleToRawLongBits(sum)};
    }

    /**
     * Takes stripe {@code s} over if it still holds the odd value {@code seen} (its writer is
     * taken to be dead), makes it consistent and releases it.
     */
    private void repair(int s, int seen) {
        Int32Word word = seq[s];
        if ((seen & 1) == 0 || !word.compareAndSet(seen, seen + 2)) {
            return;
        }
        if (bucketCount > 0) {
            long total = 0;
            for (int k = 0; k < bucketCount; k++) {
                total += buf.getLong(base[s] + BUCKETS + 8 * k);
            }
            buf.putLong(base[s] + COUNT, total);
        }
        word.setRelease(seen + 3);
    }
}
