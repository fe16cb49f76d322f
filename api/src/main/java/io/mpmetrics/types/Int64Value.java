package io.mpmetrics.types;

import io.mpmetrics.heap.Region;

/**
 * A signed 64-bit integer ({@code int64_t}) in (shared) memory: the spec's {@code Int64}.
 * 8 bytes, 8-byte aligned, in native byte order. Reads and writes are plain (not atomic read-modify-writes): use it for values that
 * one process writes under a lock or once, such as a creation time; use the atomics for
 * counters.
 *
 * <pre>{@code
 * Box<Int64Value> var = Box.create(heap, Int64Value.TYPE);
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
public final class Int64Value extends LongScalar {
    /** The descriptor, named {@code Int64}. */
    public static final SharedType<Int64Value> TYPE = new ScalarType<>("Int64", Int64Value::new);
    /** Bytes an instance occupies. */
    public static final int SIZE = ScalarType.SIZE;
    /** Required alignment. */
    public static final int ALIGNMENT = ScalarType.SIZE;

    private Int64Value(Region mem) {
        super(mem);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
