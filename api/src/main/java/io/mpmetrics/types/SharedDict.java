package io.mpmetrics.types;

import io.mpmetrics.generics.ObjectType;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Map} encoded in (shared) memory: the spec's {@code Dict}. Every method decodes
 * the map from the heap and writes it back if it changed it (layout as
 * {@link SharedObject}), so all processes see the same map. Keys and values are what the
 * codec decodes: with {@link DefaultCodec} integers come back as {@link Long}, and entries
 * keep their insertion order.
 *
 * <p>Not synchronized: access it under a lock shared by the processes, as in the spec.
 * Views ({@code entrySet()}, {@code keySet()}, {@code values()}) iterate over a snapshot
 * taken when the iterator is created; removing through them and {@code Entry.setValue}
 * write through to the shared map.
 *
 * <pre>{@code
 * StructType<Struct> t = Struct.builder("Registry").field("lock", Types.LOCK).field("names", Types.DICT).build();
 * Struct s = Box.create(heap, t).get();
 * SharedDict names = s.get("names", Types.DICT);
 * try (LockGuard held = s.get("lock", Types.LOCK).lock()) {
 *     names.merge("requests", 1L, (a, b) -> (Long) a + (Long) b);
 * }
 * }</pre>
 */
public final class SharedDict extends AbstractMap<Object, Object> {
    /** The descriptor with {@link DefaultCodec}, named {@code Dict}. */
    public static final SharedType<SharedDict> TYPE = new EncodedType<>("Dict", DefaultCodec.INSTANCE, SharedDict::new);
    /** The type constructor {@code Dict[codec]} for other codecs. */
    public static final ObjectType<Codec, SharedType<SharedDict>> WITH_CODEC = ObjectType.of("Dict", Codec.class,
            (name, codec) -> new EncodedType<>(name, codec, SharedDict::new));

    private final EncodedStore store;

    private SharedDict(EncodedStore store) {
        this.store = store;
    }

    /** The descriptor for keys and values encoded with {@code codec} ({@link #TYPE} for the default codec). */
    public static SharedType<SharedDict> type(Codec codec) {
        return codec == DefaultCodec.INSTANCE ? TYPE : WITH_CODEC.get(codec);
    }

    /**
     * A private copy of the map as it is now.
     *
     * @throws CodecException if the shared bytes are corrupt or not a map
     */
    public Map<Object, Object> snapshot() {
        Object v = store.read();
        if (v == EncodedStore.EMPTY) {
            return new LinkedHashMap<>();
        }
        if (!(v instanceof Map)) {
            throw new CodecException("shared Dict holds a " + v.getClass().getName() + ", not a map");
        }
        return v instanceof LinkedHashMap ? cast(v) : new LinkedHashMap<>((Map<?, ?>) v);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> cast(Object v) {
        return (Map<Object, Object>) v;
    }

    private void save(Map<Object, Object> map) {
        if (map.isEmpty()) {
            store.clear();
        } else {
            store.write(map);
        }
    }

    @Override
    public int size() {
        return snapshot().size();
    }

    @Override
    public boolean isEmpty() {
        return snapshot().isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return snapshot().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return snapshot().containsValue(value);
    }

    @Override
    public Object get(Object key) {
        return snapshot().get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return snapshot().getOrDefault(key, defaultValue);
    }

    @Override
    public Object put(Object key, Object value) {
        Map<Object, Object> map = snapshot();
        Object old = map.put(key, value);
        save(map);
        return old;
    }

    @Override
    public Object remove(Object key) {
        Map<Object, Object> map = snapshot();
        if (!map.containsKey(key)) {
            return null;
        }
        Object old = map.remove(key);
        save(map);
        return old;
    }

    @Override
    public void putAll(Map<?, ?> m) {
        if (m.isEmpty()) {
            return;
        }
        Map<Object, Object> map = snapshot();
        map.putAll(m);
        save(map);
    }

    @Override
    public void clear() {
        store.clear();
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return new AbstractSet<Entry<Object, Object>>() {
            @Override
            public int size() {
                return SharedDict.this.size();
            }

            @Override
            public void clear() {
                SharedDict.this.clear();
            }

            @Override
            public Iterator<Entry<Object, Object>> iterator() {
                Iterator<Entry<Object, Object>> entries = snapshot().entrySet().iterator();
                return new Iterator<Entry<Object, Object>>() {
                    private Object current;
                    private boolean canRemove;

                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Entry<Object, Object> next() {
                        Entry<Object, Object> e = entries.next();
                        current = e.getKey();
                        canRemove = true;
                        return new WriteThroughEntry(e.getKey(), e.getValue());
                    }

                    @Override
                    public void remove() {
                        if (!canRemove) {
                            throw new IllegalStateException("next() was not called, or remove() was already called");
                        }
                        canRemove = false;
                        SharedDict.this.remove(current);
                    }
                };
            }
        };
    }

    /** An entry of a snapshot whose {@code setValue} also puts into the shared map. */
    private final class WriteThroughEntry implements Entry<Object, Object> {
        private final Object key;
        private Object value;

        WriteThroughEntry(Object key, Object value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public Object getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public Object setValue(Object newValue) {
            value = newValue;
            return SharedDict.this.put(key, newValue);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry && Objects.equals(key, ((Entry<?, ?>) o).getKey())
                    && Objects.equals(value, ((Entry<?, ?>) o).getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key) ^ Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
