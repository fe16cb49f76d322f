package io.mpmetrics.types;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.LayoutFamily;

import java.util.function.Function;

/** The descriptor of a plain 8-byte scalar: the same layout in every family. */
final class ScalarType<T> implements SharedType<T> {
    static final int SIZE = 8;

    private final String name;
    private final Function<Region, T> view;

    ScalarType(String name, Function<Region, T> view) {
        this.name = name;
        this.view = view;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size(LayoutFamily family) {
        return SIZE;
    }

    @Override
    public int alignment(LayoutFamily family) {
        return SIZE;
    }

    @Override
    public T attach(Region mem, TypeContext context) {
        Layouts.checkMemory(this, mem, context);
        mem.index(0, SIZE, SIZE);
        return view.apply(mem);
    }

    @Override
    public String toString() {
        return name;
    }
}
