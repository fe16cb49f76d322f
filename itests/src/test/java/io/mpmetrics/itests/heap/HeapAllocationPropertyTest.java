package io.mpmetrics.itests.heap;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.heap.Region;
import io.mpmetrics.itests.support.TestBackends;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spec's heap invariants over random allocation sequences, for every backend and several
 * map sizes: alignment, sizes, no overlap, zeroed memory, no block crossing a chunk.
 */
class HeapAllocationPropertyTest {
    record Request(long size, long alignment) {
    }

    @Provide
    Arbitrary<String> backends() {
        return Arbitraries.of(TestBackends.NAMES);
    }

    @Provide
    Arbitrary<Long> mapSizes() {
        return Arbitraries.of(4096L, 8192L, 65536L);
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Long> sizes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(1, 600)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(601, 5000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(5001, 70_000)));
        Arbitrary<Long> alignments = Arbitraries.integers().between(0, 12).map(shift -> 1L << shift);
        return Combinators.combine(sizes, alignments).as(Request::new);
    }

    @Provide
    Arbitrary<List<Request>> requestLists() {
        return requests().list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void blocksAreAlignedDisjointZeroedAndWithinAChunk(@ForAll("backends") String backend,
                                                       @ForAll("mapSizes") long mapSize,
                                                       @ForAll("requestLists") List<Request> requests)
            throws IOException {
        Path dir = Files.createTempDirectory("heap-props");
        try (Heap heap = Heap.create(dir.resolve("h.mpm"), TestBackends.get(backend), mapSize)) {
            List<Block> blocks = new ArrayList<>();
            for (Request r : requests) {
                Block b = heap.malloc(r.size(), r.alignment());
                assertEquals(r.size(), b.size());
                assertEquals(0, b.start() % r.alignment(), "alignment");
                assertTrue(b.start() >= HeapHeader.DATA_START, "after the header");
                if (b.size() <= mapSize) {
                    assertEquals(b.start() / mapSize, (b.start() + b.size() - 1) / mapSize, "within one chunk");
                } else {
                    assertEquals(0, b.start() % mapSize, "large blocks start on a chunk");
                }
                for (Block other : blocks) {
                    assertTrue(b.start() >= other.start() + other.size() || other.start() >= b.start() + b.size(),
                            "overlap of " + b + " and " + other);
                }
                Region mem = b.deref();
                for (int i = 0; i < mem.length(); i++) {
                    if (mem.getByte(i) != 0) {
                        throw new AssertionError("fresh memory not zeroed at " + i + " of " + b);
                    }
                }
                // Stamp the block so that any overlap shows up as a changed stamp later.
                mem.putByte(0, (byte) blocks.size());
                mem.putByte(mem.length() - 1, (byte) blocks.size());
                blocks.add(b);
            }
            for (int i = 0; i < blocks.size(); i++) {
                Region mem = blocks.get(i).deref();
                assertEquals((byte) i, mem.getByte(0));
                assertEquals((byte) i, mem.getByte(mem.length() - 1));
            }
            assertTrue(heap.used() <= heap.fileSize());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
