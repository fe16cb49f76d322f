package io.mpmetrics.itests.multiprocess;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.atomic.AtomicInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Atomics shared by real child JVMs attached to one heap file by its path. */
class MultiProcessAtomicsTest {
    static final int PROCESSES = 4;
    static final long ADDS = 100_000;

    @TempDir
    Path dir;

    /** (a) 4 processes × 100,000 adds on an AtomicInt64, an AtomicUInt64 and an AtomicDouble: exact totals. */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void concurrentAddsFromFourProcessesAreExact(String name) throws Exception {
        Backend backend = TestBackends.get(name);
        Path file = dir.resolve("atomics.mpm");
        try (Heap heap = Heap.create(file, backend, Heap.DEFAULT_MAP_SIZE); Workers workers = new Workers()) {
            int stride = backend.sizeOf(SharedKind.ATOMIC_INT64);
            Block block = heap.malloc(3L * stride);
            Workers.awaitAll(workers.startTogether(PROCESSES, "add", file, name, block, ADDS), 300);
            Region mem = block.deref();
            assertEquals(PROCESSES * ADDS, backend.newAtomicInt64(mem, 0).get());
            assertEquals(PROCESSES * ADDS, backend.newAtomicUInt64(mem, stride).get());
            assertEquals((double) (PROCESSES * ADDS), backend.newAtomicDouble(mem, 2 * stride).get());
        }
    }

    /**
     * (b) The spec suite's ordering test: workers add to x, then to y; a concurrent reader that
     * reads y before x always sees x >= y.
     */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void orderingIsSequentiallyConsistentAcrossProcesses(String name) throws Exception {
        Backend backend = TestBackends.get(name);
        Path file = dir.resolve("order.mpm");
        long count = 200_000;
        try (Heap heap = Heap.create(file, backend, Heap.DEFAULT_MAP_SIZE); Workers workers = new Workers()) {
            int stride = backend.sizeOf(SharedKind.ATOMIC_INT64);
            Block block = heap.malloc(2L * stride);
            AtomicInt64 x = backend.newAtomicInt64(block.deref(), 0);
            AtomicInt64 y = backend.newAtomicInt64(block.deref(), stride);
            List<ChildJvm> group = workers.startTogether(2, "order", file, name, block, count);
            long reads = 0;
            while (group.stream().anyMatch(c -> c.process().isAlive()) || reads == 0) {
                long yv = y.get();
                long xv = x.get();
                if (xv < yv) {
                    throw new AssertionError("saw x=" + xv + " < y=" + yv + " after " + reads + " reads");
                }
                reads++;
            }
            Workers.awaitAll(group, 300);
            assertEquals(2 * count, x.get());
            assertEquals(2 * count, y.get());
            assertThat(reads).isGreaterThan(0);
        }
    }

    /**
     * (c) The harness can fail: a plain, non-atomic read-modify-write from 4 processes loses
     * updates, so the exact totals above really prove atomicity.
     */
    @Test
    void plainReadModifyWriteLosesUpdates() throws Exception {
        Backend backend = TestBackends.get("varhandle");
        Path file = dir.resolve("plain.mpm");
        long count = 2_000_000;
        try (Heap heap = Heap.create(file, backend, Heap.DEFAULT_MAP_SIZE); Workers workers = new Workers()) {
            Block block = heap.malloc(8);
            Workers.awaitAll(workers.startTogether(PROCESSES, "plain", file, "varhandle", block, count), 300);
            long total = block.deref().getLong(0);
            assertThat(total).as("plain increments from 4 processes").isLessThan(PROCESSES * count);
        }
    }
}
