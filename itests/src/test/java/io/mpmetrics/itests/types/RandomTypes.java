package io.mpmetrics.itests.types;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.generics.ListType;
import io.mpmetrics.generics.Param;
import io.mpmetrics.generics.TypeRegistry;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.types.Array;
import io.mpmetrics.types.DoubleValue;
import io.mpmetrics.types.Int64Value;
import io.mpmetrics.types.SharedType;
import io.mpmetrics.types.SizeT;
import io.mpmetrics.types.Struct;
import io.mpmetrics.types.StructType;
import io.mpmetrics.types.Types;
import io.mpmetrics.types.UInt64Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random nested types for round-trip tests, as in the spec's own tests: arrays and
 * {@code GenericStruct}s (structs named by their field types, so another JVM resolves them
 * without declaring each one) of scalars, atomics and locks, at most 3 levels deep. Also
 * writes random values into every leaf and reads them back as text.
 */
final class RandomTypes {
    static final List<SharedType<?>> LEAVES = List.of(Types.DOUBLE, Types.INT64, Types.UINT64, Types.SIZE_T,
            Types.ATOMIC_INT32, Types.ATOMIC_UINT32, Types.ATOMIC_INT64, Types.ATOMIC_UINT64, Types.ATOMIC_DOUBLE,
            Types.LOCK);

    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ListType<SharedType<?>, StructType<Struct>> GENERIC_STRUCT = ListType.of("GenericStruct",
            (Param<SharedType<?>>) (Param) Param.object(SharedType.class), RandomTypes::struct);

    private RandomTypes() {
    }

    private static StructType<Struct> struct(String name, List<SharedType<?>> fields) {
        Struct.Builder b = Struct.builder(name);
        for (int i = 0; i < fields.size(); i++) {
            b.field(Integer.toString(i), fields.get(i));
        }
        return b.build();
    }

    /** The built-in types plus GenericStruct: what a JVM needs to resolve any random type. */
    static TypeRegistry registry() {
        return Types.newRegistry().register(GENERIC_STRUCT);
    }

    /** A random type at most {@code depth} levels of arrays/structs deep. */
    static SharedType<?> type(Random r, int depth) {
        int kind = depth == 0 ? 0 : r.nextInt(3);
        if (kind == 0) {
            return LEAVES.get(r.nextInt(LEAVES.size()));
        }
        if (kind == 1) {
            return Array.of(type(r, depth - 1), 1 + r.nextInt(6));
        }
        List<SharedType<?>> fields = new ArrayList<>();
        for (int i = 1 + r.nextInt(6); i > 0; i--) {
            fields.add(type(r, depth - 1));
        }
        return GENERIC_STRUCT.get(fields);
    }

    /**
     * Writes random values into every leaf of {@code view}; locks are taken (and added to
     * {@code held}) with probability 1/2.
     */
    static void write(Object view, Random r, List<SharedLock> held) {
        if (view instanceof Struct) {
            Struct s = (Struct) view;
            for (int i = 0; i < s.fieldCount(); i++) {
                write(s.get(i), r, held);
            }
        } else if (view instanceof Array) {
            for (Object e : (Array<?>) view) {
                write(e, r, held);
            }
        } else if (view instanceof DoubleValue) {
            ((DoubleValue) view).set(r.nextGaussian() * 1e6);
        } else if (view instanceof Int64Value) {
            ((Int64Value) view).set(r.nextLong());
        } else if (view instanceof UInt64Value) {
            ((UInt64Value) view).set(r.nextLong());
        } else if (view instanceof SizeT) {
            ((SizeT) view).set(r.nextLong());
        } else if (view instanceof AtomicInt32) {
            ((AtomicInt32) view).set(r.nextInt());
        } else if (view instanceof AtomicUInt32) {
            ((AtomicUInt32) view).set(r.nextInt());
        } else if (view instanceof AtomicInt64) {
            ((AtomicInt64) view).add(r.nextInt(1000));
        } else if (view instanceof AtomicUInt64) {
            ((AtomicUInt64) view).set(r.nextLong());
        } else if (view instanceof AtomicDouble) {
            ((AtomicDouble) view).add(r.nextDouble());
        } else if (view instanceof SharedLock) {
            if (r.nextBoolean()) {
                ((SharedLock) view).acquire();
                held.add((SharedLock) view);
            }
        } else {
            throw new AssertionError("unexpected leaf " + view);
        }
    }

    /** Every leaf's value as text, in order, e.g. {@code Double=1.5}. */
    static List<String> read(Object view) {
        List<String> out = new ArrayList<>();
        read(view, out);
        return out;
    }

    private static void read(Object view, List<String> out) {
        if (view instanceof Struct) {
            Struct s = (Struct) view;
            for (int i = 0; i < s.fieldCount(); i++) {
                read(s.get(i), out);
            }
        } else if (view instanceof Array) {
            for (Object e : (Array<?>) view) {
                read(e, out);
            }
        } else if (view instanceof SharedLock) {
            out.add("Lock=" + (((SharedLock) view).isLocked() ? "held" : "free"));
        } else if (view instanceof AtomicInt32) {
            out.add("AtomicInt32=" + ((AtomicInt32) view).get());
        } else if (view instanceof AtomicUInt32) {
            out.add("AtomicUInt32=" + ((AtomicUInt32) view).get());
        } else if (view instanceof AtomicInt64) {
            out.add("AtomicInt64=" + ((AtomicInt64) view).get());
        } else if (view instanceof AtomicUInt64) {
            out.add("AtomicUInt64=" + ((AtomicUInt64) view).get());
        } else if (view instanceof AtomicDouble) {
            out.add("AtomicDouble=" + ((AtomicDouble) view).get());
        } else {
            out.add(view.getClass().getSimpleName() + "=" + view); // scalars print their value
        }
    }
}
