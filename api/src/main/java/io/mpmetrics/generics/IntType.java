package io.mpmetrics.generics;

import java.util.List;
import java.util.Objects;

/**
 * A constructor parameterized by one integer: the spec's {@code IntType}.
 *
 * <pre>{@code
 * IntType<Thing> things = IntType.of("Thing", (name, n) -> new Thing(name, n));
 * things.get(5).name();   // "Thing[5]"
 * }</pre>
 *
 * @param <T> what it builds
 */
public final class IntType<T extends Named> extends TypeConstructor<T> {
    /** Builds the object for one integer. */
    @FunctionalInterface
    public interface Factory<T> {
        /** The object named {@code name} for {@code n}. */
        T create(String name, long n);
    }

    private final Factory<T> factory;

    private IntType(String name, Factory<T> factory) {
        super(name);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A constructor named {@code name}. */
    public static <T extends Named> IntType<T> of(String name, Factory<T> factory) {
        return new IntType<>(name, factory);
    }

    /** The object for {@code n} ({@code Name[n]}), built once. */
    public T get(long n) {
        return instantiate(List.of(n));
    }

    @Override
    Param<?> param(int index, int count) {
        return Param.INT;
    }

    @Override
    void checkArity(int count) {
        Arity.exactly(name(), 1, count);
    }

    @Override
    T create(String canonicalName, List<Object> args) {
        return factory.create(canonicalName, (Long) args.get(0));
    }
}
