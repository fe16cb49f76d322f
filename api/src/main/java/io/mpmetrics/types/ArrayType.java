package io.mpmetrics.types;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.LayoutFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * The descriptor {@code Array[T,n]}: {@code n >= 1} elements of type {@code T}, each at a
 * multiple of the stride (the element size rounded up to the element alignment). Get one
 * with {@link Array#of(SharedType, int)}; asking twice gives the same descriptor.
 *
 * <pre>{@code
 * ArrayType<DoubleValue> five = Array.of(Types.DOUBLE, 5);   // "Array[Double,5]", 40 bytes
 *
 *  0        8        16       24       32       40
 *  +--------+--------+--------+--------+--------+
 *  | [0]    | [1]    | [2]    | [3]    | [4]    |
 *  +--------+--------+--------+--------+--------+
 * }</pre>
 *
 * @param <E> the view of an element
 */
public final class ArrayType<E> implements SharedType<Array<E>> {
    private final String name;
    private final SharedType<E> element;
    private final int length;

    ArrayType(String name, SharedType<E> element, long length) {
        if (length < 1) {
            throw new IllegalArgumentException("the length of an Array must be at least 1, got " + length);
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the length of an Array must fit in an int, got " + length);
        }
        this.name = name;
        this.element = element;
        this.length = (int) length;
    }

    @Override
    public String name() {
        return name;
    }

    /** The element type. */
    public SharedType<E> elementType() {
        return element;
    }

    /** The number of elements. */
    public int length() {
        return length;
    }

    /** The distance in bytes between consecutive elements in {@code family}. */
    public int stride(LayoutFamily family) {
        size(family);
        return (int) Layouts.align(element.size(family), element.alignment(family));
    }

    @Override
    public int size(LayoutFamily family) {
        long stride = Layouts.align(Layouts.sizeOrOverflow(element, family), element.alignment(family));
        return Layouts.checkSize(name, stride * length, family);
    }

    @Override
    public int alignment(LayoutFamily family) {
        return element.alignment(family);
    }

    @Override
    public Array<E> initialize(Region mem, TypeContext context) {
        return build(mem, context, true);
    }

    @Override
    public Array<E> attach(Region mem, TypeContext context) {
        return build(mem, context, false);
    }

    private Array<E> build(Region mem, TypeContext context, boolean fresh) {
        Layouts.checkMemory(this, mem, context);
        LayoutFamily family = context.family();
        int elementSize = element.size(family);
        int stride = stride(family);
        List<E> elements = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            Region slice = mem.slice(i * stride, elementSize);
            elements.add(fresh ? element.initialize(slice, context) : element.attach(slice, context));
        }
        return new Array<>(this, elements);
    }

    @Override
    public String toString() {
        return name;
    }
}
