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
 * <pre>
 * cell (stride = align(2 A, 64); A = the family's atomic size):
 *  0  AtomicInt64  whole
 *  A  AtomicDouble fraction
 * </pre>
 */
public final class CounterStripes {
    /** Whole amounts below this are added to the integer part exactly. */
    private static final double EXACT_LIMIT = 1L << 53;

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
        whole[Stripes.index() & mask].add(1, false);
    }

    /** Adds a non-negative amount (checked by the caller). */
    public void inc(double amount) {
        int s = Stripes.index() & mask;
        if (amount < EXACT_LIMIT && amount == (long) amount) {
            long n = (long) amount;
            try {
                whole[s].add(n, true);
                return;
            } catch (ArithmeticException wrapped) {
                // The integer part would pass Long.MAX_VALUE and read as negative: a counter
                // must never go down. Take the (already stored) amount back off and keep it in
                // the double part instead; only this rare path pays for it.
                whole[s].add(-n, false);
            }
        }
        fraction[s].add(amount);
    }

    /** The current total. */
    public double get() {
        // Summed as doubles: stripes near Long.MAX_VALUE would wrap a long sum (below 2^53
        // the double sum is just as exact).
        double w = 0;
        double f = 0;
        for (int s = 0; s <= mask; s++) {
            w += whole[s].get();
            f += fraction[s].get();
        }
        return w + f;
    }
}
