package io.mpmetrics.generics;

import java.util.List;
import java.util.Objects;

/**
 * A constructor parameterized by one double: the spec's {@code FloatType}. The argument is
 * written with {@link Double#toString(double)} ({@code 2.7}, {@code 1.0E-4}, {@code Infinity}),
 * so {@code 0.0} and {@code -0.0} are different arguments.
 *
 * <pre>{@code
 * FloatType<Thing> things = FloatType.of("Thing", (name, x) -> new Thing(name, x));
 * things.get(2.7).name();   // "Thing[2.7]"
 * }</pre>
 *
 * @param <T> what it builds
 */
public final class FloatType<T extends Named> extends TypeConstructor<T> {
    /** Builds the object for one double. */
    @FunctionalInterface
    public interface Factory<T> {
        /** The object named {@code name} for {@code x}. */
        T create(String name, double x);
    }

    private final Factory<T> factory;

    private FloatType(String name, Factory<T> factory) {
        super(name);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A constructor named {@code name}. */
    public static <T extends Named> FloatType<T> of(String name, Factory<T> factory) {
        return new FloatType<>(name, factory);
    }

    /** The object for {@code x} ({@code Name[x]}), built once. */
    public T get(double x) {
        return instantiate(List.of(x));
    }

    @Override
    Param<?> param(int index, int count) {
        return Param.FLOAT;
    }

    @Override
    void checkArity(int count) {
        Arity.exactly(name(), 1, count);
    }

    @Override
    T create(String canonicalName, List<Object> args) {
        return factory.create(canonicalName, (Double) args.get(0));
    }
}
