package io.mpmetrics.types;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;

/**
 * The descriptor of an object the backend makes (an atomic or a lock); its layout is the
 * family's ({@link LayoutFamily#sizeOf}, {@link LayoutFamily#alignmentOf}).
 */
final class BackendType<T> implements SharedType<T> {
    /** How a backend makes the object at an offset of a region. */
    @FunctionalInterface
    interface Factory<T> {
        T create(Backend backend, Region region, int offset);
    }

    private final String name;
    private final SharedKind kind;
    private final Factory<T> factory;

    BackendType(String name, SharedKind kind, Factory<T> factory) {
        this.name = name;
        this.kind = kind;
        this.factory = factory;
    }

    /** The kind of shared object. */
    SharedKind kind() {
        return kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size(LayoutFamily family) {
        return family.sizeOf(kind);
    }

    @Override
    public int alignment(LayoutFamily family) {
        return family.alignmentOf(kind);
    }

    @Override
    public T attach(Region mem, TypeContext context) {
        Layouts.checkMemory(this, mem, context);
        return factory.create(context.backend(), mem, 0);
    }

    @Override
    public String toString() {
        return name;
    }
}
