package io.mpmetrics.generics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A constructor parameterized by a fixed list of arguments of given kinds: the spec's
 * {@code ProductType}. {@code Array[T, n]} is one, with parameters
 * {@code (object(SharedType.class), INT)}.
 *
 * <pre>{@code
 * ProductType<Thing> things = ProductType.of("Thing", List.of(Param.object(Unit.class), Param.INT),
 *         (name, args) -> new Thing(name, (Unit) args.get(0), (Long) args.get(1)));
 * things.get(seconds, 5).name();   // "Thing[Seconds,5]"
 * }</pre>
 *
 * @param <T> what it builds
 */
public final class ProductType<T extends Named> extends TypeConstructor<T> {
    /** Builds the object for a list of arguments in normal form (see {@link Param#convert}). */
    @FunctionalInterface
    public interface Factory<T> {
        /** The object named {@code name} for {@code args}. */
        T create(String name, List<Object> args);
    }

    private final List<Param<?>> params;
    private final Factory<T> factory;

    private ProductType(String name, List<Param<?>> params, Factory<T> factory) {
        super(name);
        this.params = List.copyOf(params);
        if (this.params.isEmpty()) {
            throw new IllegalArgumentException(name + " must take at least one parameter");
        }
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A constructor named {@code name} taking arguments of the kinds {@code params}. */
    public static <T extends Named> ProductType<T> of(String name, List<Param<?>> params, Factory<T> factory) {
        return new ProductType<>(name, params, factory);
    }

    /** The parameters, in order. */
    public List<Param<?>> params() {
        return params;
    }

    /** The object for {@code args} ({@code Name[a,b,...]}), built once. */
    public T get(Object... args) {
        return instantiate(Arrays.asList(args));
    }

    @Override
    Param<?> param(int index, int count) {
        return params.get(index);
    }

    @Override
    void checkArity(int count) {
        Arity.exactly(name(), params.size(), count);
    }

    @Override
    T create(String canonicalName, List<Object> args) {
        return factory.create(canonicalName, args);
    }
}
