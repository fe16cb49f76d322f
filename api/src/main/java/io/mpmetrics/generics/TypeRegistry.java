package io.mpmetrics.generics;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves canonical names back to objects: plain names ({@code Double}, {@code MyStruct}) to
 * registered {@link Named} values, parameterized names ({@code Array[Double,5]}) to the result
 * of the registered {@link TypeConstructor}, with each argument resolved in turn. A name
 * resolves to the very instance that asking the constructor directly gives.
 *
 * <pre>{@code
 * TypeRegistry registry = new TypeRegistry().register(seconds).register(things);
 * Thing t = registry.resolve("Thing[Seconds,5]", Thing.class);
 * }</pre>
 *
 * <p>Thread-safe. Registering the same (or an equal) value twice is harmless; registering a
 * different one under a taken name is an error, so two libraries cannot silently swap each
 * other's types.
 */
public final class TypeRegistry {
    private final Map<String, Named> values = new ConcurrentHashMap<>();
    private final Map<String, TypeConstructor<?>> constructors = new ConcurrentHashMap<>();

    /** An empty registry. */
    public TypeRegistry() {
    }

    /** A registry with everything {@code other} has now. */
    public TypeRegistry(TypeRegistry other) {
        values.putAll(other.values);
        constructors.putAll(other.constructors);
    }

    /**
     * Registers {@code value} under its (plain) name.
     *
     * @return this registry
     * @throws IllegalArgumentException if its name is not a plain name, or another value has it
     */
    public synchronized TypeRegistry register(Named value) {
        String name = value.name();
        TypeName parsed = TypeName.parse(name);
        if (parsed.isParameterized()) {
            throw new IllegalArgumentException("'" + name + "' is built by a type constructor: register the "
                    + "constructor '" + parsed.base() + "' instead");
        }
        Named existing = values.putIfAbsent(name, value);
        if (existing != null && !existing.equals(value)) {
            throw new IllegalArgumentException("another type is already registered as '" + name + "': " + existing);
        }
        return this;
    }

    /**
     * Registers {@code constructor} under its base name (for names {@code Base[...]}).
     *
     * @return this registry
     * @throws IllegalArgumentException if another constructor has that base name
     */
    public synchronized TypeRegistry register(TypeConstructor<?> constructor) {
        TypeConstructor<?> existing = constructors.putIfAbsent(constructor.name(), constructor);
        if (existing != null && existing != constructor) {
            throw new IllegalArgumentException("another type constructor is already registered as '"
                    + constructor.name() + "': " + existing);
        }
        return this;
    }

    /**
     * The object named {@code canonicalName}.
     *
     * @throws UnknownTypeException if a name in it is not registered
     * @throws IllegalArgumentException if it is malformed or an argument does not fit
     */
    public Named resolve(String canonicalName) {
        TypeName parsed = TypeName.parse(canonicalName);
        if (!parsed.isParameterized()) {
            Named value = values.get(parsed.base());
            if (value == null) {
                throw new UnknownTypeException(parsed.base(), hint(parsed.base(), "value"));
            }
            return value;
        }
        TypeConstructor<?> constructor = constructors.get(parsed.base());
        if (constructor == null) {
            throw new UnknownTypeException(parsed.base(), hint(parsed.base(), "constructor"));
        }
        return constructor.resolve(parsed.args(), this);
    }

    /**
     * The object named {@code canonicalName}, which must be a {@code type}.
     *
     * @throws IllegalArgumentException if it is not (or see {@link #resolve(String)})
     */
    public <T> T resolve(String canonicalName, Class<T> type) {
        Named found = resolve(canonicalName);
        if (!type.isInstance(found)) {
            throw new IllegalArgumentException("'" + canonicalName + "' is a " + found.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(found);
    }

    /** Whether a plain value or a constructor is registered under {@code base}. */
    public boolean contains(String base) {
        return values.containsKey(base) || constructors.containsKey(base);
    }

    private String hint(String base, String kind) {
        String other = "value".equals(kind) ? (constructors.containsKey(base) ? " ('" + base
                + "' is a type constructor: it needs arguments, e.g. " + base + "[...])" : "")
                : (values.containsKey(base) ? " ('" + base + "' takes no arguments)" : "");
        return "no " + kind + " of that name is registered" + other + "; known: " + known()
                + ". Register user types (e.g. structs) in every JVM that resolves them.";
    }

    private String known() {
        TreeSet<String> all = new TreeSet<>(values.keySet());
        for (String c : constructors.keySet()) {
            all.add(c + "[...]");
        }
        return all.toString();
    }

    @Override
    public String toString() {
        return "TypeRegistry" + known();
    }
}
