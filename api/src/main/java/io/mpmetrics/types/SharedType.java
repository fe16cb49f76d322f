package io.mpmetrics.types;

import io.mpmetrics.generics.Named;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.LayoutFamily;

/**
 * A type descriptor: what the spec's shared classes are as classes ({@code Double},
 * {@code Array[Double,5]}, a struct). It knows its canonical {@linkplain #name() name}, its
 * size and alignment, and how to make a Java view ({@code T}) over memory laid out as that
 * type: {@link #initialize} for fresh memory (the spec's {@code __init__}), {@link #attach}
 * for memory another process already initialized (the spec's {@code _setstate}).
 *
 * <p>Sizes depend on the backend's {@link LayoutFamily} when the type contains atomics or
 * locks ({@code LOCKING} puts a lock beside every atomic value); plain scalars are the same
 * in both families.
 *
 * <pre>{@code
 * SharedType<Struct> point = Struct.builder("Point").field("x", Types.DOUBLE).field("y", Types.DOUBLE).build();
 * point.size(LayoutFamily.LOCK_FREE);     // 16
 * Box<Struct> p = Box.create(heap, point);
 * Types.registry().register(point);       // so that handles naming "Point" resolve
 * }</pre>
 *
 * <p>Descriptors are immutable and thread-safe. Implement this interface for your own
 * shared types; {@link Types} lists the built-in ones.
 *
 * @param <T> the Java view of an instance
 */
public interface SharedType<T> extends Named {
    /** The size in bytes of an instance in {@code family} (a multiple of its alignment). */
    int size(LayoutFamily family);

    /** The alignment in bytes (a power of two) of an instance in {@code family}. */
    int alignment(LayoutFamily family);

    /**
     * Initializes fresh memory as an instance and returns its view. The default zeroes
     * {@code mem} and {@link #attach}es: zero is the initial state of every built-in type.
     *
     * @param mem exactly {@link #size} bytes, aligned to {@link #alignment}
     * @param context the backend (and heap, for types that allocate) to use
     */
    default T initialize(Region mem, TypeContext context) {
        Layouts.checkMemory(this, mem, context);
        mem.fill(0, mem.length(), (byte) 0);
        return attach(mem, context);
    }

    /**
     * A view of an instance that already lives in {@code mem}, initialized by this or another
     * process. Nothing is written.
     *
     * @param mem exactly {@link #size} bytes, aligned to {@link #alignment}
     * @param context the backend (and heap, for types that allocate) to use
     */
    T attach(Region mem, TypeContext context);
}
