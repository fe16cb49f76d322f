package io.mpmetrics.generics;

import java.util.Objects;

/**
 * The kind of one argument of a {@link TypeConstructor}: an integer ({@link #INT}, the spec's
 * {@code IntType}), a float ({@link #FLOAT}, {@code FloatType}) or a named object of some class
 * ({@link #object(Class)}, {@code ObjectType}). A parameter converts Java arguments to their
 * normal form, formats them into canonical names and parses them back.
 *
 * <pre>{@code
 * ProductType<Thing> things = ProductType.of("Thing", List.of(Param.object(Unit.class), Param.INT),
 *         (name, args) -> new Thing(name, (Unit) args.get(0), (Long) args.get(1)));
 * }</pre>
 *
 * @param <A> the normal form of an argument ({@link Long}, {@link Double} or a {@link Named} class)
 */
public final class Param<A> {
    /** A 64-bit integer argument, written as {@link Long#toString(long)}. */
    public static final Param<Long> INT = new Param<>(Long.class, "int");
    /** A double argument, written as {@link Double#toString(double)}. */
    public static final Param<Double> FLOAT = new Param<>(Double.class, "float");
    /** Any registered {@link Named} object, written as its canonical name. */
    public static final Param<Named> OBJECT = object(Named.class);

    private final Class<A> type;
    private final String description;

    private Param(Class<A> type, String description) {
        this.type = type;
        this.description = description;
    }

    /** A named-object argument that must be an instance of {@code type}. */
    public static <A extends Named> Param<A> object(Class<A> type) {
        return new Param<>(Objects.requireNonNull(type, "type"), type.getSimpleName());
    }

    /** The class of the argument's normal form. */
    public Class<A> type() {
        return type;
    }

    /**
     * {@code arg} in normal form: integers (Byte, Short, Integer, Long) as {@link Long}, any
     * {@link Number} as {@link Double} for floats, named objects unchanged.
     *
     * @throws IllegalArgumentException if {@code arg} does not fit this parameter
     */
    public A convert(Object arg) {
        if (this == INT && (arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte)) {
            return type.cast(((Number) arg).longValue());
        }
        if (this == FLOAT && arg instanceof Number) {
            return type.cast(((Number) arg).doubleValue());
        }
        if (this != INT && this != FLOAT && type.isInstance(arg)) {
            return type.cast(arg);
        }
        throw new IllegalArgumentException("expected " + description + " argument, got "
                + (arg == null ? "null" : arg.getClass().getName() + " " + arg));
    }

    /** The canonical text of {@code arg} (already in normal form). */
    public String format(A arg) {
        if (arg instanceof Named) {
            return ((Named) arg).name();
        }
        return arg.toString();
    }

    /**
     * Parses the canonical text {@code raw}; named objects are resolved through {@code registry}.
     *
     * @throws IllegalArgumentException if {@code raw} is not the canonical text of a valid argument
     */
    public A parse(String raw, TypeRegistry registry) {
        if (this == INT) {
            long value;
            try {
                value = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw + "' is not an integer", e);
            }
            return type.cast(canonical(raw, value));
        }
        if (this == FLOAT) {
            double value;
            try {
                value = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw + "' is not a float", e);
            }
            return type.cast(canonical(raw, value));
        }
        return registry.resolve(raw, type);
    }

    // "+5", "05", "1e3" and " 1.0" parse but are not canonical: one object, one name.
    private static Object canonical(String raw, Object value) {
        if (!value.toString().equals(raw)) {
            throw new IllegalArgumentException("'" + raw + "' is not in canonical form (expected '" + value + "')");
        }
        return value;
    }

    @Override
    public String toString() {
        return description;
    }
}
