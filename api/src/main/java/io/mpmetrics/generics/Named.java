package io.mpmetrics.generics;

/**
 * Something with a canonical name that a {@link TypeRegistry} resolves back to it: a
 * registered value ({@code Double}) or the result of a {@link TypeConstructor}
 * ({@code Array[Double,5]}).
 *
 * <pre>{@code
 * record Unit(String name) implements Named { }
 * TypeRegistry registry = new TypeRegistry().register(new Unit("Seconds"));
 * }</pre>
 */
public interface Named {
    /** The canonical name, e.g. {@code Array[Double,5]}. */
    String name();
}
