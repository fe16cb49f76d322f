package io.mpmetrics.generics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A parameterized constructor of {@link Named} objects: given arguments, it builds (once) the
 * object named {@code Base[arg,...]}. Every constructor memoizes: the same arguments give the
 * same instance, in this JVM, whether asked for directly or by name through a
 * {@link TypeRegistry}. The subclasses are the spec's helpers: {@link IntType},
 * {@link FloatType}, {@link ObjectType}, {@link ProductType} and {@link ListType}.
 *
 * <p>The factory is called with the canonical name first (like the spec's
 * {@code cls(__name__, ...)}) and must give its result exactly that name.
 *
 * @param <T> what the constructor builds
 */
public abstract class TypeConstructor<T extends Named> {
    private final String name;
    private final ConcurrentMap<List<Object>, T> made = new ConcurrentHashMap<>();

    TypeConstructor(String name) {
        this.name = TypeName.checkBase(name);
    }

    /** The base name, e.g. {@code Array}. */
    public final String name() {
        return name;
    }

    /** The parameter at {@code index} of an argument list of {@code count} arguments. */
    abstract Param<?> param(int index, int count);

    /** Checks the number of arguments. */
    abstract void checkArity(int count);

    /** Calls the factory. */
    abstract T create(String canonicalName, List<Object> args);

    /**
     * The object for {@code args} (each converted with its {@link Param}), built on first use.
     *
     * @throws IllegalArgumentException if an argument does not fit or the factory refuses it
     */
    final T instantiate(List<?> args) {
        checkArity(args.size());
        List<Object> normal = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            normal.add(param(i, args.size()).convert(args.get(i)));
        }
        return lookup(Collections.unmodifiableList(normal));
    }

    /** Resolves raw (textual) arguments from a parsed name. */
    final T resolve(List<String> rawArgs, TypeRegistry registry) {
        checkArity(rawArgs.size());
        List<Object> parsed = new ArrayList<>(rawArgs.size());
        for (int i = 0; i < rawArgs.size(); i++) {
            Param<?> p = param(i, rawArgs.size());
            try {
                parsed.add(p.parse(rawArgs.get(i), registry));
            } catch (UnknownTypeException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument " + (i + 1) + " of " + name + ": " + e.getMessage(), e);
            }
        }
        return lookup(Collections.unmodifiableList(parsed));
    }

    private T lookup(List<Object> args) {
        T existing = made.get(args);
        if (existing != null) {
            return existing;
        }
        // Built outside the map: a factory may itself instantiate other (or nested) types.
        String canonical = canonicalName(args);
        T fresh = Objects.requireNonNull(create(canonical, args), () -> "factory of " + name + " returned null");
        if (!canonical.equals(fresh.name())) {
            throw new IllegalStateException("factory of " + name + " named its result '" + fresh.name()
                    + "' instead of '" + canonical + "'");
        }
        T winner = made.putIfAbsent(args, fresh);
        return winner != null ? winner : fresh;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String canonicalName(List<Object> args) {
        StringBuilder sb = new StringBuilder(name).append('[');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(((Param) param(i, args.size())).format(args.get(i)));
        }
        String canonical = sb.append(']').toString();
        TypeName.parse(canonical); // the name must be resolvable again (length, nesting)
        return canonical;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
