package io.mpmetrics.metrics.internal;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.util.Bits;

/**
 * A counter's total, striped over cache-line cells so that threads and processes adding to the
 * same counter do not fight over one cache line; the total is the sum of the cells. Each cell
 * keeps a whole part and a fractional part, so that the common increment by a whole number is
 * one integer {@code getAndAdd} (no compare-and-set loop), while non-integer amounts still work
 * (the Python original stores an integer and fails on {@code inc(1.6)}).
 *
 * <p><b>Never negative.</b> The whole part is read as an <em>unsigned</em> 64-bit number, and
 * whole amounts go to it only while it is below {@value #WHOLE_LIMIT_LOG2} bits
 * ({@code 2^62}); past that they go to the fractional part. {@code inc()} keeps its single
 * {@code getAndAdd} with no check: from below {@code 2^62} plus what racing {@code inc(n)}
 * calls add ({@code n < 2^53} each), the whole part would need more than {@code 10^19}
 * further increments to reach {@code 2^64}, so it never wraps, and a value at or past
 * {@code 2^63} (negative as a signed long) still reads as the large positive number it is.
 *
 * <pre>
 * cell (stride = align(2 A, 64); A = the family's atomic size):
 *  0  AtomicInt64  whole
 *  A  AtomicDouble fraction
 * </pre>
 */
public final class CounterStripes {
    /** Whole amounts below this are added to the integer part exactly. */
    private static final double EXACT_LIMIT = 1L << 53;
    static final int WHOLE_LIMIT_LOG2 = 62;
    /** Whole amounts go to the integer part only while it is below this. */
    private static final long WHOLE_LIMIT = 1L << WHOLE_LIMIT_LOG2;

    private final AtomicInt64[] whole;
    private final AtomicDouble[] fraction;
    private final int mask;

    CounterStripes(Region mem, int offset, Backend backend, int stripes) {
        int a = backend.sizeOf(SharedKind.ATOMIC_INT64);
        int stride = stride(backend.layoutFamily());
        this.mask = stripes - 1;
        this.whole = new AtomicInt64[stripes];
        this.fraction = new AtomicDouble[stripes];
        for (int s = 0; s < stripes; s++) {
            whole[s] = backend.newAtomicInt64(mem, offset + s * stride);
            fraction[s] = backend.newAtomicDouble(mem, offset + s * stride + a);
        }
    }

    static int stride(LayoutFamily family) {
        return Bits.align(2 * family.sizeOf(SharedKind.ATOMIC_INT64), SeriesHeader.CACHE_LINE);
    }

    /** Bytes the stripes take. */
    public static int size(LayoutFamily family, int stripes) {
        return stripes * stride(family);
    }

    /** Adds 1. */
    public void inc() {
        // No overflow check needed (see the class comment): the hot path stays one getAndAdd.
        whole[Stripes.index() & mask].add(1, false);
    }

    /** Adds a non-negative amount (checked by the caller). */
    public void inc(double amount) {
        int s = Stripes.index() & mask;
        if (amount < EXACT_LIMIT && amount == (long) amount && Long.compareUnsigned(whole[s].get(), WHOLE_LIMIT) < 0) {
            whole[s].add((long) amount, false);
            return;
        }
        fraction[s].add(amount);
    }

    /** The current total. */
    public double get() {
        // Summed as doubles: stripes near Long.MAX_VALUE would wrap a long sum (below 2^53
        // the double sum is just as exact). Whole parts are unsigned.
        double w = 0;
        double f = 0;
        for (int s = 0; s <= mask; s++) {
            w += unsigned(whole[s].get());
            f += fraction[s].get();
        }
        return w + f;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }
}
