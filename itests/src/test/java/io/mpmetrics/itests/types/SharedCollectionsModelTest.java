package io.mpmetrics.itests.types;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.types.Box;
import io.mpmetrics.types.Codec;
import io.mpmetrics.types.CodecException;
import io.mpmetrics.types.SharedDict;
import io.mpmetrics.types.SharedList;
import io.mpmetrics.types.SharedObject;
import io.mpmetrics.types.SharedType;
import io.mpmetrics.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SharedDict and SharedList against HashMap and ArrayList models: random operation sequences
 * (fixed seeds) with unicode keys, then growth until the data block was re-allocated at least
 * 5 times;
 * a second view attached by handle agrees with the model too. Also corrupt headers, Object,
 * and a pluggable codec.
 */
class SharedCollectionsModelTest {
    static final int OPERATIONS = 1000;

    @TempDir
    Path dir;
    Heap heap;

    @BeforeEach
    void openHeap() throws Exception {
        heap = Heap.create(dir.resolve("collections.mpm"), Backends.select(), 16 * 1024);
    }

    @AfterEach
    void closeHeap() throws Exception {
        heap.close();
    }

    private static long header(Box<?> box, int offset) {
        return box.block().deref().getLong(offset);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void dictBehavesLikeAHashMap(long seed) {
        Random r = new Random(seed);
        Box<SharedDict> box = Box.create(heap, Types.DICT);
        SharedDict dict = box.get();
        Map<Object, Object> model = new HashMap<>();
        List<Object> keys = new ArrayList<>();
        Set<Long> blocks = new HashSet<>();
        for (int op = 0; op < OPERATIONS; op++) {
            if (keys.isEmpty() || r.nextBoolean()) {
                keys.add(r.nextInt(10) == 0 ? (Object) r.nextLong() : unicode(r, 1 + r.nextInt(10)));
            }
            Object key = r.nextInt(50) == 0 ? null : keys.get(r.nextInt(keys.size()));
            int choice = r.nextInt(100);
            if (choice < 50) {
                Object value = value(r);
                assertEquals(model.put(key, value), dict.put(key, value));
            } else if (choice < 55) {
                assertEquals(model.remove(key), dict.remove(key));
            } else if (choice < 70) {
                assertEquals(model.get(key), dict.get(key));
                assertEquals(model.containsKey(key), dict.containsKey(key));
            } else if (choice < 75) {
                Map<Object, Object> more = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    more.put(unicode(r, 3), value(r));
                }
                model.putAll(more);
                dict.putAll(more);
            } else if (choice < 80) {
                assertEquals(model.putIfAbsent(key, 1L), dict.putIfAbsent(key, 1L));
            } else if (choice < 85) {
                assertEquals(model.merge(key, 1L, SharedCollectionsModelTest::plus),
                        dict.merge(key, 1L, SharedCollectionsModelTest::plus));
            } else if (choice < 90) {
                // remove entries through the view's iterator, change others through Entry.setValue
                Iterator<Map.Entry<Object, Object>> it = dict.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<Object, Object> e = it.next();
                    int h = Math.floorMod(String.valueOf(e.getKey()).hashCode() + op, 29);
                    if (h == 0) {
                        it.remove();
                        model.remove(e.getKey());
                    } else if (h == 1) {
                        e.setValue("set " + op);
                        model.put(e.getKey(), "set " + op);
                    }
                }
            } else if (op == 150) {
                model.clear();
                dict.clear();
            } else {
                assertEquals(model.keySet(), dict.keySet());
                assertEquals(new HashSet<>(model.values()), new HashSet<>(dict.values()));
            }
            assertEquals(model.size(), dict.size());
            if (op % 25 == 0) {
                assertEquals(model, dict);
                assertEquals(model.hashCode(), dict.hashCode());
            }
            if (header(box, SharedObject.SIZE_OFFSET) > 0) {
                blocks.add(header(box, SharedObject.START_OFFSET));
            }
        }
        // Then grow it in batches until its block has been re-allocated at least 5 times in all.
        while (blocks.size() < 6) {
            Map<Object, Object> batch = new LinkedHashMap<>();
            for (int i = 0; i < 32; i++) {
                batch.put(unicode(r, 2 + r.nextInt(12)), unicode(r, 50 + r.nextInt(150)));
            }
            model.putAll(batch);
            dict.putAll(batch);
            assertEquals(model.size(), dict.size());
            blocks.add(header(box, SharedObject.START_OFFSET));
        }
        assertEquals(model, dict);
        assertEquals(model, Box.attach(heap, box.handle(), Types.DICT).get(), "a second view sees the same map");
        assertTrue(header(box, SharedObject.SIZE_OFFSET) >= header(box, SharedObject.LENGTH_OFFSET));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void listBehavesLikeAnArrayList(long seed) {
        Random r = new Random(seed);
        Box<SharedList> box = Box.create(heap, Types.LIST);
        SharedList list = box.get();
        List<Object> model = new ArrayList<>();
        Set<Long> blocks = new HashSet<>();
        for (int op = 0; op < OPERATIONS; op++) {
            int choice = r.nextInt(100);
            int n = model.size();
            if (choice < 35 || n == 0) {
                Object v = value(r);
                assertEquals(model.add(v), list.add(v));
            } else if (choice < 45) {
                int i = r.nextInt(n + 1);
                Object v = value(r);
                model.add(i, v);
                list.add(i, v);
            } else if (choice < 55) {
                int i = r.nextInt(n);
                Object v = value(r);
                assertEquals(model.set(i, v), list.set(i, v));
            } else if (choice < 62) {
                int i = r.nextInt(n);
                assertEquals(model.remove(i), list.remove(i));
            } else if (choice < 67) {
                Object v = model.get(r.nextInt(n));
                assertEquals(model.remove(v), list.remove(v));
            } else if (choice < 77) {
                int i = r.nextInt(n);
                assertEquals(model.get(i), list.get(i));
                Object v = r.nextBoolean() ? model.get(i) : value(r);
                assertEquals(model.indexOf(v), list.indexOf(v));
                assertEquals(model.lastIndexOf(v), list.lastIndexOf(v));
                assertEquals(model.contains(v), list.contains(v));
            } else if (choice < 82) {
                List<Object> more = java.util.Arrays.asList(value(r), value(r), unicode(r, 4));
                int i = r.nextInt(n + 1);
                assertEquals(model.addAll(i, more), list.addAll(i, more));
            } else if (choice < 85) {
                int a = r.nextInt(n + 1);
                int b = a + r.nextInt(Math.min(5, n - a) + 1);
                model.subList(a, b).clear();
                list.subList(a, b).clear();
            } else if (choice < 88) {
                Iterator<Object> it = list.iterator();
                Iterator<Object> mt = model.iterator();
                int k = 0;
                while (it.hasNext()) {
                    assertEquals(mt.next(), it.next());
                    if (k++ % 7 == 3) {
                        it.remove();
                        mt.remove();
                    }
                }
            } else if (choice < 90) {
                Comparator<Object> byText = Comparator.comparing(String::valueOf);
                model.sort(byText);
                list.sort(byText);
            } else if (choice < 92) {
                model.removeIf(v -> v instanceof Long);
                list.removeIf(v -> v instanceof Long);
            } else if (op == 150) {
                model.clear();
                list.clear();
            } else {
                assertEquals(model, new ArrayList<>(list));
            }
            assertEquals(model.size(), list.size());
            if (op % 25 == 0) {
                assertEquals(model, list);
                assertEquals(model.hashCode(), list.hashCode());
            }
            if (header(box, SharedObject.SIZE_OFFSET) > 0) {
                blocks.add(header(box, SharedObject.START_OFFSET));
            }
        }
        // Then grow it in batches until its block has been re-allocated at least 5 times in all.
        while (blocks.size() < 6) {
            List<Object> batch = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                batch.add(unicode(r, 50 + r.nextInt(150)));
            }
            int at = r.nextInt(model.size() + 1);
            model.addAll(at, batch);
            list.addAll(at, batch);
            assertEquals(model.size(), list.size());
            blocks.add(header(box, SharedObject.START_OFFSET));
        }
        assertEquals(model, list);
        assertEquals(model, Box.attach(heap, box.handle(), Types.LIST).get(), "a second view sees the same list");
    }

    @Test
    void objectAsInTheSpec() {
        Box<SharedObject> box = Box.create(heap, Types.OBJECT);
        assertNull(box.get().get(), "no value yet");
        assertEquals(0, header(box, SharedObject.SIZE_OFFSET), "nothing allocated before the first set");
        box.get().set(List.of("a", 1L, Map.of("k", 2.5)));
        long size = header(box, SharedObject.SIZE_OFFSET);
        assertEquals(SharedObject.GROWTH_FACTOR * header(box, SharedObject.LENGTH_OFFSET), size);
        assertEquals(List.of("a", 1L, Map.of("k", 2.5)), Box.attach(heap, box.handle(), Types.OBJECT).get().get());
        box.get().set("short");
        assertEquals(size, header(box, SharedObject.SIZE_OFFSET), "a smaller value reuses the block");
        box.get().set(null);
        assertNull(box.get().get());
        assertThrows(IllegalArgumentException.class, () -> box.get().set(new Object()));
        assertNull(box.get().get(), "a refused value changes nothing");
    }

    @Test
    void corruptHeadersAndBytesAreCodecExceptions() {
        Box<SharedDict> box = Box.create(heap, Types.DICT);
        box.get().put("key", "value");
        Region header = box.block().deref();
        long start = header.getLong(SharedObject.START_OFFSET);
        long size = header.getLong(SharedObject.SIZE_OFFSET);
        long length = header.getLong(SharedObject.LENGTH_OFFSET);
        long[][] corrupt = {
            {start, size, size + 1},          // length beyond the block
            {start, size, -1},                // negative length
            {start, 1L << 40, length},        // absurd size
            {start, 0, length},               // no block but a length
            {-64, size, length},              // negative start
            {heap.used() + 4096, size, length}, // beyond the allocated end
            {8, size, length},                // inside the heap header
        };
        for (long[] c : corrupt) {
            header.putLong(SharedObject.START_OFFSET, c[0]);
            header.putLong(SharedObject.SIZE_OFFSET, c[1]);
            header.putLong(SharedObject.LENGTH_OFFSET, c[2]);
            assertThrows(CodecException.class, () -> box.get().get("key"), java.util.Arrays.toString(c));
            assertThrows(CodecException.class, () -> box.get().put("k", 1L), java.util.Arrays.toString(c));
        }
        header.putLong(SharedObject.START_OFFSET, start);
        header.putLong(SharedObject.SIZE_OFFSET, size);
        header.putLong(SharedObject.LENGTH_OFFSET, length);
        assertEquals("value", box.get().get("key"));
        Region data = heap.block(start, size).deref();
        data.putByte(0, (byte) 7); // a list where a map belongs
        assertThrows(CodecException.class, () -> box.get().get("key"));
        data.putByte(0, (byte) 99); // no such tag
        assertThrows(CodecException.class, () -> box.get().size());
    }

    /** A codec of UTF-8 strings only: a pluggable codec is part of the type's name. */
    static final class StringCodec implements Codec {
        static final StringCodec INSTANCE = new StringCodec();

        @Override
        public String name() {
            return "StringCodec";
        }

        @Override
        public byte[] encode(Object value) {
            if (!(value instanceof String)) {
                throw new IllegalArgumentException("strings only");
            }
            return ("S" + value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] bytes, int offset, int length) {
            if (length == 0 || bytes[offset] != 'S') {
                throw new CodecException("not a StringCodec value");
            }
            return new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPluggableCodecNamesItsTypes() {
        SharedType<SharedObject> type = SharedObject.type(StringCodec.INSTANCE);
        assertEquals("Object[StringCodec]", type.name());
        assertSame(type, SharedObject.type(StringCodec.INSTANCE));
        assertSame(Types.OBJECT, SharedObject.type(io.mpmetrics.types.DefaultCodec.INSTANCE));
        Box<SharedObject> box = Box.create(heap, type);
        box.get().set("ünï");
        assertArrayEquals("Sünï".getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOf(bytesOf(box), (int) header(box, SharedObject.LENGTH_OFFSET)));
        assertThrows(IllegalArgumentException.class, () -> box.get().set(5L));
        assertThrows(IllegalArgumentException.class, () -> Box.attach(heap, box.handle()), "codec not registered");
        Box<?> attached = Box.attach(heap, box.handle(), Types.newRegistry().register(StringCodec.INSTANCE));
        assertSame(type, attached.type());
        assertEquals("ünï", ((SharedObject) attached.get()).get());
        assertEquals("Dict[StringCodec]", SharedDict.type(StringCodec.INSTANCE).name());
        assertEquals("List[StringCodec]", SharedList.type(StringCodec.INSTANCE).name());
    }

    private byte[] bytesOf(Box<?> box) {
        long start = header(box, SharedObject.START_OFFSET);
        long size = header(box, SharedObject.SIZE_OFFSET);
        byte[] b = new byte[(int) size];
        heap.block(start, size).deref().getBytes(0, b, 0, b.length);
        return b;
    }

    private static Object plus(Object a, Object b) {
        return a instanceof Long ? (Long) a + (Long) b : b;
    }

    private static final int[] RANGES = {0x20, 0x7e, 0xa0, 0x2ff, 0x391, 0x3c9, 0x4e00, 0x4fff, 0x1f600, 0x1f64f};

    /** Code points from ASCII, Latin-1, Greek, CJK and emoji (surrogate pairs). */
    static String unicode(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int range = r.nextInt(RANGES.length / 2) * 2;
            sb.appendCodePoint(RANGES[range] + r.nextInt(RANGES[range + 1] - RANGES[range] + 1));
        }
        return sb.toString();
    }

    /** A value with content equality (no byte arrays), as the default codec decodes it. */
    static Object value(Random r) {
        switch (r.nextInt(8)) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return r.nextLong() >> r.nextInt(64);
            case 3:
                return r.nextDouble();
            case 4:
                return List.of(unicode(r, 2), (long) r.nextInt(9));
            case 5:
                return Map.of(unicode(r, 3), List.of(r.nextDouble()));
            default:
                return unicode(r, r.nextInt(16));
        }
    }
}
