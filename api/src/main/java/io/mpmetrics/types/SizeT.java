package io.mpmetrics.types;

import io.mpmetrics.heap.Region;

/**
 * A {@code size_t} in (shared) memory: the spec's {@code Size_t}. Unsigned 64 bits,
 * carried in a {@code long}. 8 bytes, 8-byte aligned, in native byte order. Reads and writes are plain (not atomic read-modify-writes): use it for values that
 * one process writes under a lock or once, such as a creation time; use the atomics for
 * counters.
 *
 * <pre>{@code
 * Box<SizeT> var = Box.create(heap, SizeT.TYPE);
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
public final class SizeT extends LongScalar {
    /** The descriptor, named {@code Size_t}. */
    public static final SharedType<SizeT> TYPE = new ScalarType<>("Size_t", SizeT::new);
    /** Bytes an instance occupies. */
    public static final int SIZE = ScalarType.SIZE;
    /** Required alignment. */
    public static final int ALIGNMENT = ScalarType.SIZE;

    private SizeT(Region mem) {
        super(mem);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(get());
    }
}
