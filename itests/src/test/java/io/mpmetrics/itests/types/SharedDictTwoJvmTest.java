package io.mpmetrics.itests.types;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.types.Box;
import io.mpmetrics.types.SharedDict;
import io.mpmetrics.types.Struct;
import io.mpmetrics.types.StructType;
import io.mpmetrics.types.Types;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two JVMs share one Dict under a shared Lock, as the spec's labeled metrics do: both put
 * disjoint keys at the same time, each put under the lock; every key of both is there after.
 * The Dict outgrows its block several times while the two processes race.
 */
class SharedDictTwoJvmTest {
    static final StructType<Struct> LOCKED_DICT = Struct.builder("LockedDict")
            .field("lock", Types.LOCK)
            .field("dict", Types.DICT)
            .build();
    static final int COUNT = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void concurrentPutsOfDisjointKeysAllLand(String backend) throws Exception {
        Path file = dir.resolve("dict.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get(backend), 16 * 1024)) {
            Box<Struct> box = Box.create(heap, LOCKED_DICT);
            SharedLock lock = box.get().get("lock", Types.LOCK);
            SharedDict dict = box.get().get("dict", Types.DICT);
            try (ChildJvm child = ChildJvm.builder(TypesChild.class)
                    .args("dict", file.toString(), backend, box.handle().toString(), "child-", Integer.toString(COUNT))
                    .start()) {
                child.awaitLine("READY", 30, TimeUnit.SECONDS);
                child.send("GO");
                putAll(lock, dict, "parent-ключ-", COUNT);
                child.awaitLine("DONE", 60, TimeUnit.SECONDS);
                child.awaitSuccess(30, TimeUnit.SECONDS);
            }
            try (LockGuard held = lock.lock()) {
                Map<Object, Object> all = dict.snapshot();
                assertEquals(2 * COUNT, all.size());
                for (int i = 0; i < COUNT; i++) {
                    assertEquals((long) i, all.get("child-" + i), "child-" + i);
                    assertEquals((long) i, all.get("parent-ключ-" + i), "parent-ключ-" + i);
                }
                assertFalse(held.previousOwnerDied());
            }
        }
    }

    /** Puts {@code prefix + i → i} for {@code i < count}, each under {@code lock}. */
    static void putAll(SharedLock lock, SharedDict dict, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            try (LockGuard held = lock.lock()) {
                dict.put(prefix + i, (long) i);
            }
        }
    }
}
