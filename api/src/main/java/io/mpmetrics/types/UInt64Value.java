package io.mpmetrics.types;

import io.mpmetrics.heap.Region;

/**
 * An unsigned 64-bit integer ({@code uint64_t}) in (shared) memory: the spec's
 * {@code UInt64}. The bits are carried in a {@code long}; read them with
 * {@link Long#toUnsignedString(long)}. 8 bytes, 8-byte aligned, in native byte order. Reads and writes are plain (not atomic read-modify-writes): use it for values that
 * one process writes under a lock or once, such as a creation time; use the atomics for
 * counters.
 *
 * <pre>{@code
 * Box<UInt64Value> var = Box.create(heap, UInt64Value.TYPE);
 * assert var.get().get() == 0;
 * var.get().set(var.get().get() + 1);
 * }</pre>
 *
 * <pre>
 *  0                               8
 *  +-------------------------------+
 *  | value (long, native order)    |
 *  +-------------------------------+
 * </pre>
 */
public final class UInt64Value extends LongScalar {
    /** The descriptor, named {@code UInt64}. */
    public static final SharedType<UInt64Value> TYPE = new ScalarType<>("UInt64", UInt64Value::new);
    /** Bytes an instance occupies. */
    public static final int SIZE = ScalarType.SIZE;
    /** Required alignment. */
    public static final int ALIGNMENT = ScalarType.SIZE;

    private UInt64Value(Region mem) {
        super(mem);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(get());
    }
}
