package io.mpmetrics.metrics.internal;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.util.Bits;

/**
 * A counter's value as a whole part and a fractional part, so that the common increment by a
 * whole number is one integer {@code getAndAdd} (no compare-and-set loop), while non-integer
 * amounts still work (the Python original stores an integer and fails on {@code inc(1.6)}).
 *
 * <pre>
 *  0  AtomicInt64  whole
 *  A  AtomicDouble fraction   (A = the family's atomic size)
 * </pre>
 */
public final class CounterCell {
    /** Whole amounts below this are added to the integer part exactly. */
    private static final double EXACT_LIMIT = 1L << 53;

    private final AtomicInt64 whole;
    private final AtomicDouble fraction;

    CounterCell(Region mem, int offset, Backend backend) {
        int a = backend.sizeOf(SharedKind.ATOMIC_INT64);
        this.whole = backend.newAtomicInt64(mem, offset);
        this.fraction = backend.newAtomicDouble(mem, offset + a);
    }

    /** Bytes one cell takes (a multiple of the cache line). */
    public static int size(LayoutFamily family) {
        return Bits.align(2 * family.sizeOf(SharedKind.ATOMIC_INT64), SeriesHeader.CACHE_LINE);
    }

    /** Adds 1. */
    public void inc() {
        whole.add(1, false);
    }

    /** Adds a non-negative amount (checked by the caller). */
    public void inc(double amount) {
        if (amount < EXACT_LIMIT && amount == (long) amount) {
            whole.add((long) amount, false);
        } else {
            fraction.add(amount);
        }
    }

    /** The current total. */
    public double get() {
        return whole.get() + fraction.get();
    }
}
