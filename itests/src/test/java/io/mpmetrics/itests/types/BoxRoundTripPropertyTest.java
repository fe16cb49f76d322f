package io.mpmetrics.itests.types;

import io.mpmetrics.generics.TypeRegistry;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.types.Box;
import io.mpmetrics.types.Handle;
import io.mpmetrics.types.SharedType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Box → handle → attach in one JVM over random nested types (arrays and structs of scalars,
 * atomics and locks, depth ≤ 3), for every backend: the attached view reads what the boxed
 * one wrote, through the handle's text form and through Java serialization.
 */
class BoxRoundTripPropertyTest {
    private static Path dir;
    private static final Map<String, Heap> HEAPS = new HashMap<>();

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("mpmetrics-types");
    }

    @AfterContainer
    static void closeHeaps() throws IOException {
        for (Heap heap : HEAPS.values()) {
            heap.close();
        }
        HEAPS.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Heap heap(String backend) {
        return HEAPS.computeIfAbsent(backend, name -> {
            try {
                return Heap.create(dir.resolve(name + ".mpm"), TestBackends.get(name), 16 * 1024);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Provide
    Arbitrary<String> backends() {
        return Arbitraries.of(TestBackends.NAMES);
    }

    @Property(tries = 150)
    void attachedViewsReadWhatTheBoxWrote(@ForAll("backends") String backend, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        SharedType<?> type = RandomTypes.type(random, 3);
        TypeRegistry registry = RandomTypes.registry();
        assertSame(type, io.mpmetrics.types.Types.resolve(registry, type.name()));
        Heap heap = heap(backend);

        Box<?> box = Box.create(heap, type);
        for (String leaf : RandomTypes.read(box.get())) {
            assertTrue(leaf.endsWith("=0") || leaf.endsWith("=0.0") || leaf.endsWith("=free"), "fresh memory: " + leaf);
        }
        List<SharedLock> held = new ArrayList<>();
        RandomTypes.write(box.get(), random, held);
        try {
            List<String> written = RandomTypes.read(box.get());

            Handle handle = Handle.parse(box.handle().toString());
            Box<?> attached = Box.attach(heap, handle, registry);
            assertEquals(box.block(), attached.block());
            assertEquals(written, RandomTypes.read(attached.get()));

            Box<?> viaSerialization = Box.attach(heap, roundTrip(box.handle()), registry);
            assertEquals(written, RandomTypes.read(viaSerialization.get()));
        } finally {
            for (SharedLock lock : held) {
                lock.release();
            }
        }
    }

    private static Handle roundTrip(Handle handle) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Handle) in.readObject();
        }
    }
}
