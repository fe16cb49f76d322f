package io.mpmetrics.itests.types;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.types.Box;
import io.mpmetrics.types.SharedType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Box → handle → attach across JVMs: the parent boxes random nested types (fixed seeds),
 * writes random values and takes some of the locks; a child JVM attaches by handle text (and
 * one by a Java-serialized handle), resolves the type names itself and prints every leaf; the
 * child sees exactly what the parent wrote, locks held included.
 */
class BoxRoundTripChildJvmTest {
    static final int TYPES = 8;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void aChildJvmReadsWhatTheParentWrote(String backend) throws Exception {
        Path file = dir.resolve("boxes.mpm");
        List<SharedLock> held = new ArrayList<>();
        try (Heap heap = Heap.create(file, TestBackends.get(backend), 16 * 1024)) {
            Random random = new Random(backend.hashCode() * 31L + 7);
            List<String> args = new ArrayList<>(List.of("read", file.toString(), backend, dir.resolve("handle.ser").toString()));
            List<List<String>> expected = new ArrayList<>();
            Box<?> last = null;
            for (int i = 0; i < TYPES; i++) {
                SharedType<?> type = RandomTypes.type(random, 3);
                Box<?> box = Box.create(heap, type);
                RandomTypes.write(box.get(), random, held);
                expected.add(RandomTypes.read(box.get()));
                args.add(box.handle().toString());
                last = box;
            }
            assertFalse(held.isEmpty(), "the seeds give some locks to hold while the child looks");
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(dir.resolve("handle.ser")))) {
                out.writeObject(last.handle());
            }
            try (ChildJvm child = ChildJvm.builder(TypesChild.class).args(args.toArray(new String[0])).start()) {
                for (int i = 0; i < TYPES; i++) {
                    assertEquals("LEAVES " + i + " " + String.join(";", expected.get(i)),
                            child.awaitLine("LEAVES", 30, TimeUnit.SECONDS), "type " + args.get(4 + i));
                }
                assertEquals("LEAVES ser " + String.join(";", expected.get(TYPES - 1)),
                        child.awaitLine("LEAVES", 30, TimeUnit.SECONDS));
                child.awaitSuccess(30, TimeUnit.SECONDS);
            } finally {
                for (SharedLock lock : held) {
                    lock.release();
                }
            }
        }
    }
}
