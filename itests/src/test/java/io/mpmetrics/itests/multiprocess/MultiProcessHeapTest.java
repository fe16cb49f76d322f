package io.mpmetrics.itests.multiprocess;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The spec's prefork/postfork/chain heap cases with real JVMs: blocks written by one process
 * after another grew the heap (chunks mapped lazily on deref).
 */
class MultiProcessHeapTest {
    static final long MAP_SIZE = 4096;

    @TempDir
    Path dir;

    /** Prefork: the parent allocates, a child writes, the parent reads. */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void blockAllocatedBeforeTheChildStarts(String name) throws Exception {
        Path file = dir.resolve("pre.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get(name), MAP_SIZE); Workers workers = new Workers()) {
            Block block = heap.malloc(64);
            workers.start("write", file, name, block, "4242", null).awaitSuccess(30, TimeUnit.SECONDS);
            assertEquals(4242, block.deref().getLong(0));
        }
    }

    /** Postfork: a child grows the heap past what the parent mapped; the parent maps it lazily. */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void blockAllocatedByAChildAfterGrowth(String name) throws Exception {
        Path file = dir.resolve("post.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get(name), MAP_SIZE)) {
            heap.malloc(64).deref().putLong(0, 1);
            long[] small = alloc(file, name, 3000, 111);
            long[] large = alloc(file, name, 5 * MAP_SIZE + 8, 222);
            assertEquals(111, heap.block(small[0], small[1]).deref().getLong(0));
            Block big = heap.block(large[0], large[1]);
            assertEquals(222, big.deref().getLong(0));
            assertEquals(222, big.deref().getLong((int) big.size() - 8));
            // The parent's own next allocation comes after the child's.
            Block mine = heap.malloc(64);
            assertEquals(true, mine.start() >= large[0] + large[1]);
        }
    }

    /** Chain: parent → child 1 allocates → child 2 allocates and reads child 1's → parent reads both. */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void chainOfProcesses(String name) throws Exception {
        Path file = dir.resolve("chain.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get(name), MAP_SIZE); Workers workers = new Workers()) {
            long[] first = alloc(file, name, 2 * MAP_SIZE, 1001);
            long[] second = alloc(file, name, 100, 1002);
            ChildJvm reader = workers.start("read", file, name, heap.block(first[0], first[1]), "-", null);
            assertEquals("VALUE 1001 1001", reader.awaitLine("VALUE", 30, TimeUnit.SECONDS));
            reader.awaitSuccess(30, TimeUnit.SECONDS);
            assertEquals(1001, heap.block(first[0], first[1]).deref().getLong(0));
            assertEquals(1002, heap.block(second[0], second[1]).deref().getLong(92));
        }
    }

    private static long[] alloc(Path file, String backend, long size, long value) throws Exception {
        try (ChildJvm child = ChildJvm.builder(Worker.class)
                .args("alloc", file.toString(), backend, Long.toString(size), Long.toString(value)).start()) {
            String[] parts = child.awaitLine("BLOCK", 30, TimeUnit.SECONDS).split(" ");
            child.awaitSuccess(30, TimeUnit.SECONDS);
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        }
    }
}
