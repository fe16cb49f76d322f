package io.mpmetrics.types;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.generics.Named;
import io.mpmetrics.generics.TypeRegistry;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.SharedKind;

/**
 * The built-in shared types, and the registry that resolves type names.
 *
 * <pre>{@code
 * import static io.mpmetrics.types.Types.*;
 *
 * static final StructType<Struct> SUMMARY_DATA = Struct.builder("SummaryData")
 *         .field("sum", ATOMIC_DOUBLE)
 *         .field("count", ATOMIC_UINT64)
 *         .build();
 * static final StructType<Struct> SUMMARY = Struct.builder("Summary")
 *         .field("lock", LOCK)
 *         .field("data", array(SUMMARY_DATA, 2))
 *         .field("count", ATOMIC_UINT64)
 *         .field("created", DOUBLE)
 *         .build();
 * static { Types.registry().register(SUMMARY_DATA).register(SUMMARY); }
 * }</pre>
 *
 * <table>
 * <caption>Built-in types</caption>
 * <tr><th>name</th><th>constant</th><th>view</th><th>LOCK_FREE size/align</th><th>LOCKING size/align</th></tr>
 * <tr><td>Double</td><td>{@link #DOUBLE}</td><td>{@link DoubleValue}</td><td>8/8</td><td>8/8</td></tr>
 * <tr><td>Int64</td><td>{@link #INT64}</td><td>{@link Int64Value}</td><td>8/8</td><td>8/8</td></tr>
 * <tr><td>UInt64</td><td>{@link #UINT64}</td><td>{@link UInt64Value}</td><td>8/8</td><td>8/8</td></tr>
 * <tr><td>Size_t</td><td>{@link #SIZE_T}</td><td>{@link SizeT}</td><td>8/8</td><td>8/8</td></tr>
 * <tr><td>AtomicInt32</td><td>{@link #ATOMIC_INT32}</td><td>{@link AtomicInt32}</td><td>4/4</td><td>24/8</td></tr>
 * <tr><td>AtomicUInt32</td><td>{@link #ATOMIC_UINT32}</td><td>{@link AtomicUInt32}</td><td>4/4</td><td>24/8</td></tr>
 * <tr><td>AtomicInt64</td><td>{@link #ATOMIC_INT64}</td><td>{@link AtomicInt64}</td><td>8/8</td><td>24/8</td></tr>
 * <tr><td>AtomicUInt64</td><td>{@link #ATOMIC_UINT64}</td><td>{@link AtomicUInt64}</td><td>8/8</td><td>24/8</td></tr>
 * <tr><td>AtomicDouble</td><td>{@link #ATOMIC_DOUBLE}</td><td>{@link AtomicDouble}</td><td>8/8</td><td>24/8</td></tr>
 * <tr><td>Lock</td><td>{@link #LOCK}</td><td>{@link SharedLock}</td><td>16/8</td><td>16/8</td></tr>
 * <tr><td>Object</td><td>{@link #OBJECT}</td><td>{@link SharedObject}</td><td>24/8</td><td>24/8</td></tr>
 * <tr><td>List</td><td>{@link #LIST}</td><td>{@link SharedList}</td><td>24/8</td><td>24/8</td></tr>
 * <tr><td>Dict</td><td>{@link #DICT}</td><td>{@link SharedDict}</td><td>24/8</td><td>24/8</td></tr>
 * <tr><td>Array[T,n]</td><td>{@link #array}</td><td>{@link Array}</td><td>n * stride / T's</td><td>same</td></tr>
 * </table>
 */
public final class Types {
    /** A plain double ({@code Double}). */
    public static final SharedType<DoubleValue> DOUBLE = DoubleValue.TYPE;
    /** A plain signed 64-bit integer ({@code Int64}). */
    public static final SharedType<Int64Value> INT64 = Int64Value.TYPE;
    /** A plain unsigned 64-bit integer ({@code UInt64}). */
    public static final SharedType<UInt64Value> UINT64 = UInt64Value.TYPE;
    /** A plain {@code size_t} ({@code Size_t}). */
    public static final SharedType<SizeT> SIZE_T = SizeT.TYPE;
    /** An atomic signed 32-bit integer ({@code AtomicInt32}). */
    public static final SharedType<AtomicInt32> ATOMIC_INT32 =
            new BackendType<>("AtomicInt32", SharedKind.ATOMIC_INT32, Backend::newAtomicInt32);
    /** An atomic unsigned 32-bit integer ({@code AtomicUInt32}). */
    public static final SharedType<AtomicUInt32> ATOMIC_UINT32 =
            new BackendType<>("AtomicUInt32", SharedKind.ATOMIC_UINT32, Backend::newAtomicUInt32);
    /** An atomic signed 64-bit integer ({@code AtomicInt64}). */
    public static final SharedType<AtomicInt64> ATOMIC_INT64 =
            new BackendType<>("AtomicInt64", SharedKind.ATOMIC_INT64, Backend::newAtomicInt64);
    /** An atomic unsigned 64-bit integer ({@code AtomicUInt64}). */
    public static final SharedType<AtomicUInt64> ATOMIC_UINT64 =
            new BackendType<>("AtomicUInt64", SharedKind.ATOMIC_UINT64, Backend::newAtomicUInt64);
    /** An atomic double ({@code AtomicDouble}). */
    public static final SharedType<AtomicDouble> ATOMIC_DOUBLE =
            new BackendType<>("AtomicDouble", SharedKind.ATOMIC_DOUBLE, Backend::newAtomicDouble);
    /** A cross-process lock ({@code Lock}). */
    public static final SharedType<SharedLock> LOCK = new BackendType<>("Lock", SharedKind.LOCK, Backend::newLock);
    /** A value encoded with the default codec ({@code Object}). */
    public static final SharedType<SharedObject> OBJECT = SharedObject.TYPE;
    /** A list encoded with the default codec ({@code List}). */
    public static final SharedType<SharedList> LIST = SharedList.TYPE;
    /** A map encoded with the default codec ({@code Dict}). */
    public static final SharedType<SharedDict> DICT = SharedDict.TYPE;

    private static final TypeRegistry REGISTRY = newRegistry();

    private Types() {
    }

    /** {@code Array[element,length]}; see {@link Array#of}. */
    public static <E> ArrayType<E> array(SharedType<E> element, int length) {
        return Array.of(element, length);
    }

    /**
     * The registry that {@link Box#attach(io.mpmetrics.heap.Heap, Handle)} uses: the built-in
     * types and whatever this JVM registered. Register user types (structs, codecs, type
     * constructors) in every JVM that attaches to them by name.
     */
    public static TypeRegistry registry() {
        return REGISTRY;
    }

    /** A new registry holding the built-in types only. */
    public static TypeRegistry newRegistry() {
        TypeRegistry r = new TypeRegistry();
        for (Named n : new Named[] {DOUBLE, INT64, UINT64, SIZE_T, ATOMIC_INT32, ATOMIC_UINT32, ATOMIC_INT64,
                ATOMIC_UINT64, ATOMIC_DOUBLE, LOCK, OBJECT, LIST, DICT, DefaultCodec.INSTANCE}) {
            r.register(n);
        }
        return r.register(Array.TYPE)
                .register(SharedObject.WITH_CODEC)
                .register(SharedList.WITH_CODEC)
                .register(SharedDict.WITH_CODEC);
    }

    /**
     * The shared type named {@code name} in {@link #registry()}.
     *
     * @throws IllegalArgumentException if it is unknown or not a shared type
     */
    public static SharedType<?> resolve(String name) {
        return resolve(REGISTRY, name);
    }

    /** The shared type named {@code name} in {@code registry}. */
    public static SharedType<?> resolve(TypeRegistry registry, String name) {
        return registry.resolve(name, SharedType.class);
    }
}
