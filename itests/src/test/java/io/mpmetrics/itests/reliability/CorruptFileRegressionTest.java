package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapFileException;
import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.CorruptMetricsException;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.metrics.internal.Record;
import io.mpmetrics.lock.LockGuard;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reproducers of what the corrupt-file fuzz ({@link CorruptFilesTest}) found, one per bug, so
 * that each stays fixed: the damaged file must be refused with a documented exception naming
 * the file (see {@link Outcomes}).
 */
class CorruptFileRegressionTest {
    @TempDir
    Path dir;

    /**
     * Fuzz finding: a map size that is a multiple of the page size but not a power of two
     * (e.g. one bit flipped in the header's MAP_SIZE) passed the header check and then failed in
     * {@code Bits.align} with an IllegalArgumentException that did not name the file.
     */
    @ParameterizedTest
    @ValueSource(longs = {3 * 4096, 4096 + 65536, 1114112})
    void mapSizeThatIsNotAPowerOfTwoIsRefusedNamingTheFile(long mapSize) throws IOException {
        Path file = dir.resolve("map-size.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get("varhandle"), 4096)) {
            heap.malloc(64);
        }
        writeLong(file, HeapHeader.MAP_SIZE_OFFSET, mapSize);
        assertThatThrownBy(() -> Heap.openExisting(file, TestBackends.get("varhandle")))
                .isInstanceOf(HeapFileException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("map size " + mapSize);
        Path fresh = dir.resolve("fresh.mpm");
        assertThatThrownBy(() -> Heap.create(fresh, TestBackends.get("varhandle"), mapSize))
                .isInstanceOf(HeapFileException.class).hasMessageContaining(fresh.toString());
    }

    /**
     * Fuzz finding: a directory segment whose capacity was damaged to fewer bytes than a record
     * header needs (1 to 4) made catch-up read a record length beyond the segment: an
     * IndexOutOfBoundsException instead of a CorruptMetricsException naming the file.
     */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void directorySegmentTooSmallForARecordIsCorrupt(String backend) throws IOException {
        for (int capacity = 1; capacity <= 4; capacity++) {
            Path file = dir.resolve(backend + "-segment-" + capacity + ".mpm");
            try (Heap heap = Heap.create(file, TestBackends.get(backend), 4096)) {
                CorruptFilesTest.populate(MetricsRegistry.of(heap));
            }
            long root = readLong(file, HeapHeader.ROOTS_OFFSET + 8 * Directory.ROOT_SLOT);
            long segment = readLong(file, root + Directory.FIRST_SEGMENT_OFFSET);
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            b.putInt(0, capacity).putInt(4, capacity);
            write(file, segment + Directory.SEGMENT_CAPACITY_OFFSET, b);
            assertThatThrownBy(() -> {
                try (Heap heap = Heap.openExisting(file, TestBackends.get(backend))) {
                    MetricsRegistry.of(heap).collect();
                }
            }).isInstanceOf(CorruptMetricsException.class).hasMessageContaining(file.toString());
        }
    }

    /**
     * Long-fuzz finding (copy #10281 of the lock-free family, seed 20261127: one 4-byte write in
     * a series record): a series record whose block size is smaller than a series header made
     * the scrape read the header past the block: an IndexOutOfBoundsException instead of a
     * CorruptMetricsException naming the file.
     */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void seriesBlockSmallerThanASeriesHeaderIsCorrupt(String backend) throws IOException {
        for (long size : new long[] {1, 8, 22, 35, 63}) {
            Path file = dir.resolve(backend + "-series-" + size + ".mpm");
            try (Heap heap = Heap.create(file, TestBackends.get(backend), 4096)) {
                CorruptFilesTest.populate(MetricsRegistry.of(heap));
            }
            try (Heap heap = Heap.openExisting(file, TestBackends.get(backend))) {
                // A record for a new label set of an existing series' metric, over that series' block
                // but with a size too small for a series header: what a damaged size field says.
                List<Record> series = new ArrayList<>();
                Directory directory = Directory.openExisting(heap);
                directory.catchUp((kind, payload) -> {
                    if (kind == 2) {
                        series.add(Record.decode(payload, 4));
                    }
                });
                Record real = series.get(0);
                List<String> labels = new ArrayList<>(real.stringsAt(1));
                labels.replaceAll(v -> "damaged");
                try (LockGuard held = directory.lock().lock()) {
                    directory.catchUp((kind, payload) -> { });
                    directory.append(2, Record.encode(List.of(real.longAt(0), labels, real.longAt(2), size)));
                }
            }
            assertThatThrownBy(() -> {
                try (MetricsRegistry registry = MetricsRegistry.openExisting(file)) {
                    registry.collect();
                }
            }).isInstanceOf(CorruptMetricsException.class).hasMessageContaining(file.toString());
        }
    }

    static long readLong(Path file, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(b, at);
        }
        assertThat(b.position()).isEqualTo(8);
        return b.getLong(0);
    }

    static void writeLong(Path file, long at, long value) throws IOException {
        write(file, at, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value));
    }

    static void write(Path file, long at, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(bytes.clear(), at);
        }
    }
}
