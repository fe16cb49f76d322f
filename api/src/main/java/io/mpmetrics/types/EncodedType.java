package io.mpmetrics.types;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.LayoutFamily;

import java.util.function.Function;

/** The descriptor of a codec-encoded type ({@code Object}, {@code List}, {@code Dict}). */
final class EncodedType<T> implements SharedType<T> {
    private final String name;
    private final Codec codec;
    private final Function<EncodedStore, T> view;

    EncodedType(String name, Codec codec, Function<EncodedStore, T> view) {
        this.name = name;
        this.codec = codec;
        this.view = view;
    }

    /** The codec of the values. */
    Codec codec() {
        return codec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size(LayoutFamily family) {
        return EncodedStore.SIZE;
    }

    @Override
    public int alignment(LayoutFamily family) {
        return EncodedStore.ALIGNMENT;
    }

    @Override
    public T attach(Region mem, TypeContext context) {
        Layouts.checkMemory(this, mem, context);
        return view.apply(new EncodedStore(mem, context.heap(), codec));
    }

    @Override
    public String toString() {
        return name;
    }
}
