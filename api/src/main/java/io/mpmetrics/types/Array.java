package io.mpmetrics.types;

import io.mpmetrics.generics.Param;
import io.mpmetrics.generics.ProductType;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An instance of {@code Array[T,n]} ({@link ArrayType}): a fixed number of elements in
 * (shared) memory, the spec's {@code Array}. Elements are views made once; they can be read
 * and changed through their own methods but not replaced.
 *
 * <pre>{@code
 * Array<DoubleValue> a = Box.create(heap, Array.of(Types.DOUBLE, 5)).get();
 * a.get(4).set(6.28);
 * for (DoubleValue d : a) { ... }
 * }</pre>
 *
 * @param <E> the view of an element
 */
public final class Array<E> implements Iterable<E> {
    /**
     * The type constructor {@code Array[T,n]} (a {@link ProductType} over a shared type and an
     * integer); {@link #of} is the typed way to use it.
     */
    public static final ProductType<ArrayType<?>> TYPE = ProductType.of("Array",
            List.of(Param.object(sharedTypeClass()), Param.INT),
            (name, args) -> new ArrayType<>(name, (SharedType<?>) args.get(0), (Long) args.get(1)));

    private final ArrayType<E> type;
    private final List<E> elements;

    Array(ArrayType<E> type, List<E> elements) {
        this.type = type;
        this.elements = Collections.unmodifiableList(elements);
    }

    /**
     * The descriptor {@code Array[element,length]}, the same instance every time.
     *
     * @throws IllegalArgumentException if {@code length < 1}
     */
    @SuppressWarnings("unchecked")
    public static <E> ArrayType<E> of(SharedType<E> element, int length) {
        return (ArrayType<E>) TYPE.get(element, length);
    }

    /** The array's type. */
    public ArrayType<E> type() {
        return type;
    }

    /** The number of elements. */
    public int length() {
        return elements.size();
    }

    /**
     * Element {@code index}.
     *
     * @throws IndexOutOfBoundsException if it is not in {@code [0, length())}
     */
    public E get(int index) {
        return elements.get(index);
    }

    /** The elements as an unmodifiable list. */
    public List<E> asList() {
        return elements;
    }

    @Override
    public Iterator<E> iterator() {
        return elements.iterator();
    }

    @Override
    public String toString() {
        return elements.toString();
    }

    @SuppressWarnings("unchecked")
    private static Class<SharedType<?>> sharedTypeClass() {
        return (Class<SharedType<?>>) (Class<?>) SharedType.class;
    }
}
