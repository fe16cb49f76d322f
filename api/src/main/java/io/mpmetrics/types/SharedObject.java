package io.mpmetrics.types;

import io.mpmetrics.generics.ObjectType;

/**
 * A value encoded in (shared) memory: the spec's {@code Object}. Every {@link #get()}
 * decodes the value from the heap, every {@link #set} encodes it there, so all processes see
 * the latest value; the encoded bytes live in a separate heap block that is replaced by one
 * 4 times larger when the value outgrows it (see the layout below).
 *
 * <p>Not synchronized: access it under a lock shared by the processes (e.g. a
 * {@link io.mpmetrics.lock.SharedLock} field beside it), as in the spec.
 *
 * <pre>{@code
 * StructType<Struct> t = Struct.builder("Config").field("lock", Types.LOCK).field("value", Types.OBJECT).build();
 * Struct s = Box.create(heap, t).get();
 * try (LockGuard held = s.get("lock", Types.LOCK).lock()) {
 *     s.get("value", Types.OBJECT).set(Map.of("mode", "fast"));
 * }
 * }</pre>
 *
 * <pre>
 *  0        8        16       24
 *  +--------+--------+--------+
 *  | start  | size   | length |   of the data block; length 0 = no value (null)
 *  +--------+--------+--------+
 * </pre>
 */
public final class SharedObject {
    /** The descriptor with {@link DefaultCodec}, named {@code Object}. */
    public static final SharedType<SharedObject> TYPE = new EncodedType<>("Object", DefaultCodec.INSTANCE, SharedObject::new);
    /** The type constructor {@code Object[codec]} for other codecs. */
    public static final ObjectType<Codec, SharedType<SharedObject>> WITH_CODEC = ObjectType.of("Object", Codec.class,
            (name, codec) -> new EncodedType<>(name, codec, SharedObject::new));

    /** Size of the header (also of a {@link SharedList} and a {@link SharedDict}). */
    public static final int HEADER_SIZE = EncodedStore.SIZE;
    /** Offset of the data block's start in the heap file. */
    public static final int START_OFFSET = EncodedStore.START_OFFSET;
    /** Offset of the data block's size. */
    public static final int SIZE_OFFSET = EncodedStore.SIZE_OFFSET;
    /** Offset of the encoded value's length (0: no value). */
    public static final int LENGTH_OFFSET = EncodedStore.LENGTH_OFFSET;
    /** A data block is this many times the encoded length when it is (re)allocated. */
    public static final int GROWTH_FACTOR = EncodedStore.GROWTH;

    private final EncodedStore store;

    private SharedObject(EncodedStore store) {
        this.store = store;
    }

    /** The descriptor for values encoded with {@code codec} ({@link #TYPE} for the default codec). */
    public static SharedType<SharedObject> type(Codec codec) {
        return codec == DefaultCodec.INSTANCE ? TYPE : WITH_CODEC.get(codec);
    }

    /**
     * The value ({@code null} until one is set).
     *
     * @throws CodecException if the shared bytes are corrupt
     */
    public Object get() {
        Object v = store.read();
        return v == EncodedStore.EMPTY ? null : v;
    }

    /**
     * Stores {@code value}.
     *
     * @throws IllegalArgumentException if the codec cannot encode it
     */
    public void set(Object value) {
        store.write(value);
    }

    /** The codec of the value. */
    public Codec codec() {
        return store.codec();
    }

    @Override
    public String toString() {
        return String.valueOf(get());
    }
}
