package io.mpmetrics.types;

import io.mpmetrics.heap.Region;

/**
 * A double in (shared) memory: the spec's {@code Double}. 8 bytes, 8-byte aligned, in
 * native byte order. Reads and writes are plain (not atomic read-modify-writes): use it for values that
 * one process writes under a lock or once, such as a creation time; use the atomics for
 * counters.
 *
 * <pre>{@code
 * Box<DoubleValue> var = Box.create(heap, DoubleValue.TYPE);
 * assert var.get().get() == 0;
 * var.get().set(var.get().get() + 1);
 * }</pre>
 *
 * <pre>
 *  0                               8
 *  +-------------------------------+
 *  | value (double, native order)  |
 *  +-------------------------------+
 * </pre>
 */
public final class DoubleValue {
    /** The descriptor, named {@code Double}. */
    public static final SharedType<DoubleValue> TYPE = new ScalarType<>("Double", DoubleValue::new);
    /** Bytes an instance occupies. */
    public static final int SIZE = ScalarType.SIZE;
    /** Required alignment. */
    public static final int ALIGNMENT = ScalarType.SIZE;

    private final Region mem;

    private DoubleValue(Region mem) {
        this.mem = mem;
    }

    /** The value. */
    public double get() {
        return mem.getDouble(0);
    }

    /** Sets the value. */
    public void set(double value) {
        mem.putDouble(0, value);
    }

    @Override
    public String toString() {
        return Double.toString(get());
    }
}
