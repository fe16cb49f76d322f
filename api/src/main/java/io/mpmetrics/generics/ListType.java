package io.mpmetrics.generics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A constructor parameterized by a list of any length of arguments of one kind: the spec's
 * {@code ListType}. The empty list is allowed ({@code Name[]}).
 *
 * <pre>{@code
 * ListType<Long, Thing> things = ListType.of("Thing", Param.INT, (name, xs) -> new Thing(name, xs));
 * things.get(1L, 2L, 3L).name();   // "Thing[1,2,3]"
 * }</pre>
 *
 * @param <E> the elements' normal form
 * @param <T> what it builds
 */
public final class ListType<E, T extends Named> extends TypeConstructor<T> {
    /** Builds the object for a list of elements. */
    @FunctionalInterface
    public interface Factory<E, T> {
        /** The object named {@code name} for {@code elements} (unmodifiable). */
        T create(String name, List<E> elements);
    }

    private final Param<E> element;
    private final Factory<E, T> factory;

    private ListType(String name, Param<E> element, Factory<E, T> factory) {
        super(name);
        this.element = Objects.requireNonNull(element, "element");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A constructor named {@code name} whose arguments are all of kind {@code element}. */
    public static <E, T extends Named> ListType<E, T> of(String name, Param<E> element, Factory<E, T> factory) {
        return new ListType<>(name, element, factory);
    }

    /** The object for {@code elements} ({@code Name[e1,e2,...]}), built once. */
    public T get(List<?> elements) {
        return instantiate(elements);
    }

    /** Same as {@link #get(List)}. */
    @SafeVarargs
    public final T get(E... elements) {
        return instantiate(Arrays.asList(elements));
    }

    @Override
    Param<?> param(int index, int count) {
        return element;
    }

    @Override
    void checkArity(int count) {
        // any length, including zero
    }

    @Override
    @SuppressWarnings("unchecked")
    T create(String canonicalName, List<Object> args) {
        return factory.create(canonicalName, (List<E>) args);
    }
}
