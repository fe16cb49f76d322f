package io.mpmetrics.types;

import io.mpmetrics.generics.TypeName;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.LayoutFamily;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The descriptor of a struct: ordered, named fields in C layout (the spec's
 * {@code Struct} subclass with {@code _fields_}). Each field starts at the next multiple of
 * its alignment; the struct's alignment is the largest field alignment and its size is
 * rounded up to a multiple of it, so structs pack into arrays. Offsets are computed per
 * {@link LayoutFamily}, because atomics and locks have another size under {@code LOCKING}.
 *
 * <pre>{@code
 * StructType<Struct> data = Struct.builder("Data")
 *         .field("count", Types.ATOMIC_UINT32)  // LOCK_FREE: +0  (4 bytes)
 *         .field("sum", Types.DOUBLE)           // LOCK_FREE: +8  (after 4 bytes padding)
 *         .build();                             // LOCK_FREE: size 16, alignment 8
 *
 *  LOCK_FREE   0         4         8                  16
 *              +---------+---------+------------------+
 *              | count   | padding | sum              |
 *              +---------+---------+------------------+
 *  LOCKING     0                             24       32
 *              +-----------------------------+--------+
 *              | count (lock 16 + value 8)   | sum    |
 *              +-----------------------------+--------+
 * }</pre>
 *
 * <p>A struct type may carry a <em>view</em>: a function that wraps the raw {@link Struct}
 * in your own class ({@code build(Counter::new)}), so that a boxed struct is a
 * {@code Box<Counter>}. Equality (used when registering) compares the name and the
 * fields, not the view.
 *
 * @param <T> the view of an instance ({@link Struct} itself for {@link Struct.Builder#build()})
 */
public final class StructType<T> implements SharedType<T> {
    /** One field of a struct: its name, position and type. */
    public static final class Field {
        private final String name;
        private final int index;
        private final SharedType<?> type;

        Field(String name, int index, SharedType<?> type) {
            this.name = name;
            this.index = index;
            this.type = type;
        }

        /** The field's name. */
        public String name() {
            return name;
        }

        /** Its position among the fields, from 0. */
        public int index() {
            return index;
        }

        /** Its type. */
        public SharedType<?> type() {
            return type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field && ((Field) o).name.equals(name) && ((Field) o).index == index
                    && ((Field) o).type.equals(type);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + type.hashCode();
        }

        @Override
        public String toString() {
            return name + ": " + type.name();
        }
    }

    private final String name;
    private final List<Field> fields;
    private final Map<String, Field> byName;
    private final Function<Struct, ? extends T> view;
    /** [family.ordinal()][field index]. */
    private final long[][] offsets;
    private final long[] sizes;
    private final int[] alignments;

    StructType(String name, List<Field> fields, Function<Struct, ? extends T> view) {
        this.name = name;
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        this.view = Objects.requireNonNull(view, "view");
        Map<String, Field> names = new HashMap<>();
        for (Field f : fields) {
            names.put(f.name(), f);
        }
        this.byName = names;
        LayoutFamily[] families = LayoutFamily.values();
        offsets = new long[families.length][];
        sizes = new long[families.length];
        alignments = new int[families.length];
        for (LayoutFamily family : families) {
            layOut(family);
        }
    }

    // Sizes are kept as longs: a type may be too large for one family only (LOCKING atomics
    // are three times larger), which is an error when that family's size is asked for.
    private void layOut(LayoutFamily family) {
        long[] off = new long[fields.size()];
        long end = 0;
        int maxAlign = 1;
        for (Field f : fields) {
            int align = f.type().alignment(family);
            end = Layouts.align(end, align);
            off[f.index()] = end;
            end += Layouts.sizeOrOverflow(f.type(), family);
            maxAlign = Math.max(maxAlign, align);
        }
        offsets[family.ordinal()] = off;
        sizes[family.ordinal()] = Layouts.align(end, maxAlign);
        alignments[family.ordinal()] = maxAlign;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size(LayoutFamily family) {
        return Layouts.checkSize(name, sizes[family.ordinal()], family);
    }

    @Override
    public int alignment(LayoutFamily family) {
        return alignments[family.ordinal()];
    }

    /** The fields, in order. */
    public List<Field> fields() {
        return fields;
    }

    /**
     * The field called {@code fieldName}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Field field(String fieldName) {
        Field f = byName.get(fieldName);
        if (f == null) {
            throw new IllegalArgumentException(name + " has no field '" + fieldName + "'; fields: " + fields);
        }
        return f;
    }

    /** The byte offset of field {@code index} in {@code family}. */
    public int offset(int index, LayoutFamily family) {
        size(family);
        return (int) offsets[family.ordinal()][Objects.checkIndex(index, fields.size())];
    }

    /** The byte offset of field {@code fieldName} in {@code family}. */
    public int offset(String fieldName, LayoutFamily family) {
        return offset(field(fieldName).index(), family);
    }

    @Override
    public T initialize(Region mem, TypeContext context) {
        Layouts.checkMemory(this, mem, context);
        // Padding is never read; only the fields need their initial state.
        return build(mem, context, true);
    }

    @Override
    public T attach(Region mem, TypeContext context) {
        Layouts.checkMemory(this, mem, context);
        return build(mem, context, false);
    }

    private T build(Region mem, TypeContext context, boolean fresh) {
        LayoutFamily family = context.family();
        mem.index(0, mem.length(), alignment(family));
        Object[] values = new Object[fields.size()];
        long[] off = offsets[family.ordinal()];
        for (Field f : fields) {
            Region slice = mem.slice((int) off[f.index()], f.type().size(family));
            values[f.index()] = fresh ? f.type().initialize(slice, context) : f.type().attach(slice, context);
        }
        return view.apply(new Struct(this, values));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructType && ((StructType<?>) o).name.equals(name) && ((StructType<?>) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + fields.hashCode();
    }

    @Override
    public String toString() {
        return name + fields;
    }

    static String checkName(String name) {
        TypeName.parse(Objects.requireNonNull(name, "name"));
        return name;
    }
}
