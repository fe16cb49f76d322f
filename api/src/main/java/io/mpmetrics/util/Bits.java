package io.mpmetrics.util;

/**
 * Small arithmetic helpers for memory layout: the spec's {@code mpmetrics.util}.
 *
 * <pre>{@code
 * Bits.align(13, 8)      == 16
 * Bits.alignDown(13, 8)  == 8
 * Bits.genmask(62, 0)    == Long.MAX_VALUE   // hi and lo are both inclusive
 * }</pre>
 */
public final class Bits {
    private Bits() {
    }

    /** True if {@code a} is a positive power of two. */
    public static boolean isPowerOfTwo(long a) {
        return a > 0 && (a & (a - 1)) == 0;
    }

    /**
     * The smallest multiple of {@code a} that is greater than or equal to {@code x}.
     *
     * @param x the value to align (non-negative)
     * @param a the alignment; must be a power of two
     * @throws IllegalArgumentException if {@code a} is not a power of two or {@code x} is negative
     * @throws ArithmeticException if the result does not fit in a {@code long}
     */
    public static long align(long x, long a) {
        requirePowerOfTwo(a, "alignment");
        if (x < 0) {
            throw new IllegalArgumentException("cannot align a negative value: " + x);
        }
        return Math.addExact(x, a - 1) & -a;
    }

    /** {@link #align(long, long)} for {@code int}s. */
    public static int align(int x, int a) {
        return Math.toIntExact(align((long) x, a));
    }

    /**
     * The largest multiple of {@code a} that is less than or equal to {@code x}.
     *
     * @param x the value to align (non-negative)
     * @param a the alignment; must be a power of two
     */
    public static long alignDown(long x, long a) {
        requirePowerOfTwo(a, "alignment");
        if (x < 0) {
            throw new IllegalArgumentException("cannot align a negative value: " + x);
        }
        return x & -a;
    }

    /**
     * A mask with bits {@code lo} to {@code hi} set, both inclusive, numbered from the least
     * significant bit 0. ({@code genmask(62, 0) == Long.MAX_VALUE}; the invariant written in
     * the Python spec is off by one, its code is right.)
     *
     * @throws IllegalArgumentException unless {@code 0 <= lo <= hi <= 63}
     */
    public static long genmask(int hi, int lo) {
        if (lo < 0 || hi > 63 || hi < lo) {
            throw new IllegalArgumentException("genmask needs 0 <= lo <= hi <= 63, got hi=" + hi + " lo=" + lo);
        }
        long upTo = hi == 63 ? -1L : (1L << (hi + 1)) - 1;
        return upTo & -(1L << lo);
    }

    /**
     * Checks that {@code a} is a power of two.
     *
     * @param what names the value in the exception message
     * @return {@code a}
     */
    public static long requirePowerOfTwo(long a, String what) {
        if (!isPowerOfTwo(a)) {
            throw new IllegalArgumentException(what + " must be a power of two, got " + a);
        }
        return a;
    }
}
