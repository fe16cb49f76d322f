package io.mpmetrics.atomic;

/**
 * The spec's overflow rule, shared by every backend: the addition has already been stored
 * (wrapped, two's complement); these checks decide whether to throw afterwards.
 *
 * <pre>{@code
 * long before = (long) VH.getAndAdd(buf, index, amount);
 * return AtomicArithmetic.checkInt64(before, amount, raiseOnOverflow);
 * }</pre>
 */
public final class AtomicArithmetic {
    private AtomicArithmetic() {
    }

    /** Returns {@code before}, or throws if {@code before + amount} overflowed a signed int. */
    public static int checkInt32(int before, int amount, boolean raise) {
        if (raise) {
            int after = before + amount;
            if (((before ^ after) & (amount ^ after)) < 0) {
                throw overflow("int32", Integer.toString(before), Integer.toString(amount), Integer.toString(after));
            }
        }
        return before;
    }

    /** Returns {@code before}, or throws if {@code before + amount} overflowed a signed long. */
    public static long checkInt64(long before, long amount, boolean raise) {
        if (raise) {
            long after = before + amount;
            if (((before ^ after) & (amount ^ after)) < 0) {
                throw overflow("int64", Long.toString(before), Long.toString(amount), Long.toString(after));
            }
        }
        return before;
    }

    /** Returns {@code before}, or throws if the unsigned sum overflowed 32 bits. */
    public static int checkUInt32(int before, int amount, boolean raise) {
        if (raise) {
            int after = before + amount;
            if (Integer.compareUnsigned(after, before) < 0) {
                throw overflow("uint32", Integer.toUnsignedString(before), Integer.toUnsignedString(amount),
                        Integer.toUnsignedString(after));
            }
        }
        return before;
    }

    /** Returns {@code before}, or throws if the unsigned sum overflowed 64 bits. */
    public static long checkUInt64(long before, long amount, boolean raise) {
        if (raise) {
            long after = before + amount;
            if (Long.compareUnsigned(after, before) < 0) {
                throw overflow("uint64", Long.toUnsignedString(before), Long.toUnsignedString(amount),
                        Long.toUnsignedString(after));
            }
        }
        return before;
    }

    private static ArithmeticException overflow(String type, String before, String amount, String after) {
        return new ArithmeticException(type + " overflow: " + before + " + " + amount
                + " wrapped around to " + after + " (the wrapped value is stored)");
    }
}
