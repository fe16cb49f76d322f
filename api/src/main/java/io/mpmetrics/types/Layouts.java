package io.mpmetrics.types;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.LayoutFamily;

/** Layout arithmetic shared by the descriptors. */
final class Layouts {
    /** The largest size of a type: what a {@link Region} can hold, less room to align it. */
    static final long LIMIT = Integer.MAX_VALUE - 64;

    private Layouts() {
    }

    /** Checks that {@code mem} has the size of {@code type} in the context's family. */
    static void checkMemory(SharedType<?> type, Region mem, TypeContext context) {
        int size = type.size(context.family());
        if (mem.length() != size) {
            throw new IllegalArgumentException(type.name() + " needs " + size + " bytes in the " + context.family()
                    + " layout, got " + mem);
        }
    }

    /** {@code x} rounded up to a multiple of the power of two {@code a}, as a long. */
    static long align(long x, int a) {
        return (x + a - 1) & -(long) a;
    }

    /**
     * The size of {@code type} in {@code family}, or a size past the limit if it is too large
     * (so that an enclosing type is too large as well, and says so when asked).
     */
    static long sizeOrOverflow(SharedType<?> type, LayoutFamily family) {
        try {
            return type.size(family);
        } catch (IllegalArgumentException tooLarge) {
            return LIMIT + 1;
        }
    }

    /**
     * {@code size} as an int.
     *
     * @throws IllegalArgumentException if it does not fit in a 2 GiB region
     */
    static int checkSize(String name, long size, LayoutFamily family) {
        if (size > LIMIT) {
            throw new IllegalArgumentException(name + " is too large: " + size + " bytes in the " + family
                    + " layout (the limit is 2 GiB)");
        }
        return (int) size;
    }
}
