package io.mpmetrics.types;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * An instance of a {@link StructType}: a structured group of fields in (shared) memory, the
 * spec's {@code Struct}. Fields are views ({@link DoubleValue}, an atomic, a nested struct
 * or {@link Array}...) created once; get them by name or position.
 *
 * <pre>{@code
 * static final StructType<Struct> MY_STRUCT = Struct.builder("MyStruct")
 *         .field("a", Types.DOUBLE)
 *         .field("b", Types.SIZE_T)
 *         .build();
 *
 * Struct s = Box.create(heap, MY_STRUCT).get();
 * s.get("a", Types.DOUBLE).set(3.5);
 * SizeT b = s.get("b", SizeT.class);
 * }</pre>
 *
 * <p>Hot paths should keep the field views (they never change) rather than look them up by
 * name each time.
 */
public final class Struct {
    private final StructType<?> type;
    private final Object[] values;

    Struct(StructType<?> type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    /** Starts declaring a struct type named {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The struct's type. */
    public StructType<?> type() {
        return type;
    }

    /** The number of fields. */
    public int fieldCount() {
        return values.length;
    }

    /** The view of field {@code index}. */
    public Object get(int index) {
        return values[Objects.checkIndex(index, values.length)];
    }

    /**
     * The view of field {@code name}.
     *
     * @throws IllegalArgumentException if there is no such field
     */
    public Object get(String name) {
        return values[type.field(name).index()];
    }

    /**
     * The view of field {@code name}, which must have type {@code fieldType}.
     *
     * @throws IllegalArgumentException if there is no such field or it has another type
     */
    @SuppressWarnings("unchecked")
    public <V> V get(String name, SharedType<V> fieldType) {
        StructType.Field field = type.field(name);
        if (!field.type().equals(fieldType)) {
            throw new IllegalArgumentException(type.name() + "." + name + " is a " + field.type().name() + ", not a "
                    + fieldType.name());
        }
        return (V) values[field.index()];
    }

    /**
     * The view of field {@code name} as a {@code viewClass}.
     *
     * @throws IllegalArgumentException if there is no such field or its view is not a {@code viewClass}
     */
    public <V> V get(String name, Class<V> viewClass) {
        Object value = get(name);
        if (!viewClass.isInstance(value)) {
            throw new IllegalArgumentException(type.name() + "." + name + " is a " + value.getClass().getName()
                    + ", not a " + viewClass.getName());
        }
        return viewClass.cast(value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.name()).append('{');
        for (StructType.Field f : type.fields()) {
            if (f.index() > 0) {
                sb.append(", ");
            }
            sb.append(f.name()).append('=').append(values[f.index()]);
        }
        return sb.append('}').toString();
    }

    /**
     * Declares a struct type: fields in order, then {@link #build()}.
     *
     * <pre>{@code
     * StructType<Struct> t = Struct.builder("Pair").field("a", Types.INT64).field("b", Types.INT64).build();
     * StructType<Pair> v = Struct.builder("Pair").field("a", Types.INT64).field("b", Types.INT64).build(Pair::new);
     * }</pre>
     */
    public static final class Builder {
        private final String name;
        private final List<StructType.Field> fields = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder(String name) {
            this.name = StructType.checkName(name);
        }

        /**
         * Adds a field.
         *
         * @throws IllegalArgumentException if the name is empty or already used
         */
        public Builder field(String fieldName, SharedType<?> type) {
            Objects.requireNonNull(type, "type");
            if (fieldName == null || fieldName.isEmpty()) {
                throw new IllegalArgumentException("a field of " + name + " needs a name");
            }
            if (!names.add(fieldName)) {
                throw new IllegalArgumentException(name + " already has a field '" + fieldName + "'");
            }
            fields.add(new StructType.Field(fieldName, fields.size(), type));
            return this;
        }

        /** The struct type, whose instances are {@link Struct}s. */
        public StructType<Struct> build() {
            return build(Function.identity());
        }

        /**
         * The struct type, whose instances are {@code view(struct)}: a class of yours that wraps
         * the raw struct.
         *
         * @throws IllegalArgumentException if no field was declared
         */
        public <T> StructType<T> build(Function<Struct, ? extends T> view) {
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("struct " + name + " needs at least one field");
            }
            return new StructType<>(name, fields, view);
        }
    }
}
