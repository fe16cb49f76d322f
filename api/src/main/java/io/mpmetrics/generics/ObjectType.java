package io.mpmetrics.generics;

import java.util.List;
import java.util.Objects;

/**
 * A constructor parameterized by one named object: the spec's {@code ObjectType} (which is
 * parameterized by a class; here the argument is anything {@link Named} that a
 * {@link TypeRegistry} knows).
 *
 * <pre>{@code
 * ObjectType<Unit, Thing> things = ObjectType.of("Thing", Unit.class, (name, unit) -> new Thing(name, unit));
 * things.get(seconds).name();   // "Thing[Seconds]"
 * }</pre>
 *
 * @param <A> the argument's class
 * @param <T> what it builds
 */
public final class ObjectType<A extends Named, T extends Named> extends TypeConstructor<T> {
    /** Builds the object for one argument. */
    @FunctionalInterface
    public interface Factory<A, T> {
        /** The object named {@code name} for {@code arg}. */
        T create(String name, A arg);
    }

    private final Param<A> param;
    private final Factory<A, T> factory;

    private ObjectType(String name, Class<A> argType, Factory<A, T> factory) {
        super(name);
        this.param = Param.object(argType);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A constructor named {@code name} whose argument must be an instance of {@code argType}. */
    public static <A extends Named, T extends Named> ObjectType<A, T> of(String name, Class<A> argType,
            Factory<A, T> factory) {
        return new ObjectType<>(name, argType, factory);
    }

    /** The object for {@code arg} ({@code Name[argName]}), built once. */
    public T get(A arg) {
        return instantiate(List.of(Objects.requireNonNull(arg, "arg")));
    }

    @Override
    Param<?> param(int index, int count) {
        return param;
    }

    @Override
    void checkArity(int count) {
        Arity.exactly(name(), 1, count);
    }

    @Override
    T create(String canonicalName, List<Object> args) {
        return factory.create(canonicalName, param.type().cast(args.get(0)));
    }
}
