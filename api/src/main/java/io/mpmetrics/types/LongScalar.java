package io.mpmetrics.types;

import io.mpmetrics.heap.Region;

/**
 * What the 8-byte integer scalars ({@link Int64Value}, {@link UInt64Value}, {@link SizeT})
 * share: a plain (not atomic) {@code long} at offset 0 of their memory, in native byte order.
 */
abstract class LongScalar {
    private final Region mem;

    LongScalar(Region mem) {
        this.mem = mem;
    }

    /** The value (for the unsigned types, the bits of the unsigned value). */
    public long get() {
        return mem.getLong(0);
    }

    /** Sets the value. */
    public void set(long value) {
        mem.putLong(0, value);
    }
}
