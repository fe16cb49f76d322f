package io.mpmetrics.itests.multiprocess;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@link SharedLock} shared with real child JVMs. */
class MultiProcessLockTest {
    @TempDir
    Path dir;

    /** (d) A lock held by a child: try fails, a timed acquire waits at least its timeout; released, it is ours. */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void lockHeldByAChildExcludesTheParent(String name) throws Exception {
        Backend backend = TestBackends.get(name);
        Path file = dir.resolve("lock.mpm");
        try (Heap heap = Heap.create(file, backend, Heap.DEFAULT_MAP_SIZE); Workers workers = new Workers()) {
            Block block = heap.malloc(SharedLock.SIZE);
            SharedLock lock = backend.newLock(block.deref(), 0);
            ChildJvm child = workers.start("hold", file, name, block, "-", "HELD");
            assertTrue(lock.isLocked());
            assertFalse(lock.tryAcquire());
            long start = System.nanoTime();
            assertFalse(lock.tryAcquire(300, TimeUnit.MILLISECONDS));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).isBetween(300L, 5_000L);
            child.send("RELEASE");
            child.awaitLine("RELEASED", 10, TimeUnit.SECONDS);
            assertTrue(lock.tryAcquire(5, TimeUnit.SECONDS));
            assertFalse(lock.previousOwnerDied(), "a released lock was not taken over");
            lock.release();
            child.awaitSuccess(10, TimeUnit.SECONDS);
        }
    }

    /**
     * (e) A child killed while holding the lock: the parent gets it within about a second and is
     * told that the previous owner died.
     */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void lockOfAKilledChildIsRecovered(String name) throws Exception {
        Backend backend = TestBackends.get(name);
        Path file = dir.resolve("lock.mpm");
        try (Heap heap = Heap.create(file, backend, Heap.DEFAULT_MAP_SIZE); Workers workers = new Workers()) {
            Block block = heap.malloc(SharedLock.SIZE);
            SharedLock lock = backend.newLock(block.deref(), 0);
            ChildJvm child = workers.start("hold", file, name, block, "-", "HELD");
            assertFalse(lock.tryAcquire());
            child.process().destroyForcibly();
            child.process().waitFor(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            try (LockGuard held = lock.lock()) {
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(tookMillis).as("recovery time").isLessThan(1_000L);
                assertTrue(held.previousOwnerDied(), "the new holder is told the owner died");
            }
            // After a normal release the lock is ordinary again.
            try (LockGuard held = lock.lock()) {
                assertFalse(held.previousOwnerDied());
            }
        }
    }
}
