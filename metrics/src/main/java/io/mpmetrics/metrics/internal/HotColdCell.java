package io.mpmetrics.metrics.internal;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.util.Bits;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Observations (count, sum and bucket counts) that a scrape reads consistently while other
 * processes keep observing: the spec's bit-63 hot/cold scheme.
 *
 * <pre>
 *  0                 countAndHot: bit 63 = index of the hot set; bits 0-62 = observations started
 *  align(A, 64)      set 0: | count (completed) | sum | bucket[0] ... bucket[n-1] |
 *  + setStride       set 1: same
 * </pre>
 * (A = the family's size of an 8-byte atomic; every set starts on a cache line.)
 *
 * <p>An observer increments {@code countAndHot}, which tells it the hot set, then adds to that
 * set's bucket and sum and finally to its completed count. A collector (one at a time, under
 * the series' collect lock) flips the hot bit, waits until the now-cold set has completed
 * every observation started before the flip, reads it, merges it into the new hot set and
 * zeroes it. Every scrape therefore sees count == bucket total, with the sum of the same
 * observations.
 *
 * <p><b>A writer that died mid-observation</b> never completes. The collector waits at most
 * {@link #MAX_WAIT_NANOS}; then it takes the observation as lost: it reports the cold set as it
 * is, with count = the bucket total (histograms) so that the scrape is still consistent, and
 * takes the missing observations off the started count so that later scrapes do not wait again.
 */
public final class HotColdCell {
    /** How long a collector waits for in-flight observations. */
    public static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long HOT_BIT = 1L << 63;
    private static final long STARTED_MASK = HOT_BIT - 1;

    private final AtomicUInt64 countAndHot;
    private final AtomicUInt64[] count = new AtomicUInt64[2];
    private final AtomicDouble[] sum = new AtomicDouble[2];
    private final AtomicUInt64[][] buckets;
    private final int bucketCount;

    HotColdCell(Region mem, int offset, Backend backend, int bucketCount) {
        int a = atomicSize(backend.layoutFamily());
        this.bucketCount = bucketCount;
        this.countAndHot = backend.newAtomicUInt64(mem, offset);
        this.buckets = new AtomicUInt64[2][bucketCount];
        int stride = setStride(backend.layoutFamily(), bucketCount);
        for (int s = 0; s < 2; s++) {
            int set = offset + Bits.align(a, SeriesHeader.CACHE_LINE) + s * stride;
            count[s] = backend.newAtomicUInt64(mem, set);
            sum[s] = backend.newAtomicDouble(mem, set + a);
            for (int b = 0; b < bucketCount; b++) {
                buckets[s][b] = backend.newAtomicUInt64(mem, set + (2 + b) * a);
            }
        }
    }

    static int atomicSize(LayoutFamily family) {
        return family.sizeOf(SharedKind.ATOMIC_UINT64);
    }

    static int setStride(LayoutFamily family, int bucketCount) {
        return Bits.align((2 + bucketCount) * atomicSize(family), SeriesHeader.CACHE_LINE);
    }

    /** Bytes one cell takes (a multiple of the cache line). */
    public static int size(LayoutFamily family, int bucketCount) {
        return Bits.align(atomicSize(family), SeriesHeader.CACHE_LINE) + 2 * setStride(family, bucketCount);
    }

    /** Records one observation of {@code value} in {@code bucket} (ignored when there are no buckets). */
    public void observe(double value, int bucket) {
        long n = countAndHot.add(1, false);
        int hot = (int) (n >>> 63);
        if (bucketCount > 0) {
            buckets[hot][bucket].add(1, false);
        }
        sum[hot].add(value);
        count[hot].add(1, false);
    }

    /**
     * Reads a consistent snapshot into {@code bucketsOut} (non-cumulative counts) and returns
     * {count, sum bits}. The caller holds the series' collect lock.
     */
    public long[] collect(long[] bucketsOut) {
        long n = countAndHot.add(HOT_BIT, false);
        long started = n & STARTED_MASK;
        int cold = (int) (n >>> 63);
        int hot = cold ^ 1;
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        long park = 1_000;
        int spins = 0;
        while (Long.compareUnsigned(count[cold].get(), started) < 0) {
            if (System.nanoTime() - deadline >= 0) {
                long lost = started - count[cold].get();
                countAndHot.add(-lost, false);
                break;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(park);
                park = Math.min(park * 2, 1_000_000);
            }
        }
        long total = 0;
        for (int b = 0; b < bucketCount; b++) {
            long c = buckets[cold][b].get();
            bucketsOut[b] = c;
            total += c;
        }
        long completed = count[cold].get();
        double s = sum[cold].get();
        long reported = bucketCount > 0 ? total : completed;
        // Merge the cold set into the hot one and zero it, ready for the next flip.
        count[hot].add(completed, false);
        sum[hot].add(s);
        count[cold].set(0);
        sum[cold].set(0.0);
        for (int b = 0; b < bucketCount; b++) {
            if (bucketsOut[b] != 0) {
                buckets[hot][b].add(bucketsOut[b], false);
            }
            buckets[cold][b].set(0);
        }
        return new long[] {reported, Double.doubleToRawLongBits(s)};
    }
}
