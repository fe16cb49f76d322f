package io.mpmetrics.itests.heap;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapFileException;
import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.heap.Region;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heap creation, validation and allocation rules, for every backend. */
class HeapTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void mallocFollowsTheSpecRules(String name) throws IOException {
        Backend backend = TestBackends.get(name);
        try (Heap heap = Heap.create(dir.resolve("h.mpm"), backend, 4096)) {
            assertThrows(IllegalArgumentException.class, () -> heap.malloc(0));
            assertThrows(IllegalArgumentException.class, () -> heap.malloc(-5));
            assertThrows(IllegalArgumentException.class, () -> heap.malloc(8, 3));
            assertThrows(IllegalArgumentException.class, () -> heap.malloc(8, 0));
            Block a = heap.malloc(10);
            assertEquals(0, a.start() % 64);
            Block b = heap.malloc(8, 8);
            assertEquals(0, b.start() % 8);
            assertTrue(b.start() >= a.start() + a.size());
            // A block that would cross a chunk boundary moves to the next chunk.
            Block c = heap.malloc(4000, 8);
            assertEquals(c.start() / 4096, (c.start() + c.size() - 1) / 4096);
            // A block larger than a chunk starts on a chunk boundary and is mapped in one go.
            Block big = heap.malloc(3 * 4096 + 100, 16);
            assertEquals(0, big.start() % 4096);
            Region mem = big.deref();
            mem.putLong((int) big.size() - 8, 77);
            assertEquals(77, big.deref().getLong((int) big.size() - 8));
            assertThat(heap.fileSize()).isGreaterThanOrEqualTo(big.start() + big.size());
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void derefIsBounded(String name) throws IOException {
        try (Heap heap = Heap.create(dir.resolve("h.mpm"), TestBackends.get(name), 4096)) {
            Block block = heap.malloc(16);
            Region mem = block.deref();
            assertEquals(16, mem.length());
            assertThrows(IndexOutOfBoundsException.class, () -> mem.getLong(9));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.putByte(16, (byte) 1));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.getInt(-1));
            block.free(); // a no-op, as in the spec
            mem.putLong(8, 5);
            assertEquals(5, heap.block(block.start(), block.size()).deref().getLong(8));
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void blockCoordinatesAreChecked(String name) throws IOException {
        try (Heap heap = Heap.create(dir.resolve("h.mpm"), TestBackends.get(name), 4096)) {
            Block ok = heap.malloc(100);
            assertEquals(ok, heap.block(ok.start(), ok.size()));
            assertThrows(IllegalArgumentException.class, () -> heap.block(0, 8));            // header
            assertThrows(IllegalArgumentException.class, () -> heap.block(ok.start(), 1 << 20)); // past the end
            assertThrows(IllegalArgumentException.class, () -> heap.block(ok.start(), 0));
            assertThrows(IllegalArgumentException.class, () -> heap.block(ok.start(), -1));
            heap.malloc(8192, 64);
            long crossing = (ok.start() / 4096 + 1) * 4096 - 8;
            assertThrows(IllegalArgumentException.class, () -> heap.block(crossing, 16));
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void reopeningSeesTheSameMemoryAndRoots(String name) throws IOException {
        Path file = dir.resolve("h.mpm");
        Backend backend = TestBackends.get(name);
        long start;
        try (Heap heap = Heap.create(file, backend, 8192)) {
            Block b = heap.malloc(64);
            b.deref().putLong(0, 0x1234_5678_9abcL);
            start = b.start();
            assertTrue(heap.compareAndSetRoot(0, 0, start));
            assertTrue(!heap.compareAndSetRoot(0, 0, 99));
            assertThrows(IndexOutOfBoundsException.class, () -> heap.root(HeapHeader.ROOT_COUNT));
        }
        try (Heap heap = Heap.openExisting(file, backend)) {
            assertEquals(8192, heap.mapSize());
            assertEquals(start, heap.root(0));
            assertEquals(0x1234_5678_9abcL, heap.block(start, 64).deref().getLong(0));
            assertEquals(backend.layoutFamily(), heap.layoutFamily());
        }
    }

    @Test
    void filesArePrivate() throws IOException {
        Path file = dir.resolve("sub").resolve("h.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get("varhandle"), 4096)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }
        try (Heap heap = Heap.create()) {
            Path defaultDir = heap.path().getParent();
            assertEquals(Heap.defaultDirectory(), defaultDir);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(defaultDir)));
            Files.delete(heap.path());
        }
    }

    @Test
    void badPathsAreRefusedWithTheirName() throws IOException {
        Backend backend = TestBackends.get("varhandle");
        Path missing = dir.resolve("missing.mpm");
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(missing, backend)), missing, "no such");
        Path made = dir.resolve("made.mpm");
        Heap.create(made, backend, 4096).close();
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.create(made, backend, 4096)), made, "exists");

        Path link = dir.resolve("link.mpm");
        Files.createSymbolicLink(link, made);
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(link, backend)), link, "symbolic link");
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openOrCreate(link, backend, 4096)), link,
                "symbolic link");

        Path directory = Files.createDirectory(dir.resolve("adir"));
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(directory, backend)), directory, "directory");

        assertMessage(assertThrows(HeapFileException.class, () -> Heap.create(dir.resolve("x.mpm"), backend, 1000)),
                dir.resolve("x.mpm"), "map size");
    }

    @Test
    void foreignAndDamagedFilesAreRefusedAndLeftAlone() throws IOException {
        Backend backend = TestBackends.get("varhandle");
        Path random = dir.resolve("random.bin");
        byte[] noise = new byte[40_000];
        new Random(7).nextBytes(noise);
        Files.write(random, noise);
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(random, backend)), random, "not an mpmetrics");
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openOrCreate(random, backend, 4096)), random,
                "not an mpmetrics");
        assertTrue(java.util.Arrays.equals(noise, Files.readAllBytes(random)), "a foreign file is never modified");

        Path empty = Files.createFile(dir.resolve("empty.mpm"));
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(empty, backend)), empty, "empty");

        Path good = dir.resolve("good.mpm");
        Heap.create(good, backend, 4096).close();
        Path truncated = dir.resolve("truncated.mpm");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(good), 100));
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(truncated, backend)), truncated, "truncated");

        Path swapped = copyWithLong(good, "swapped.mpm", HeapHeader.MAGIC_OFFSET, Long.reverseBytes(HeapHeader.MAGIC));
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(swapped, backend)), swapped, "byte order");

        Path future = copyWithInt(good, "future.mpm", HeapHeader.FORMAT_VERSION_OFFSET, 99);
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(future, backend)), future, "version 99");

        Path badBase = copyWithLong(good, "base.mpm", HeapHeader.BASE_OFFSET, 1L << 50);
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(badBase, backend)), badBase, "allocated end");

        Path badMap = copyWithLong(good, "map.mpm", HeapHeader.MAP_SIZE_OFFSET, 12345);
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(badMap, backend)), badMap, "map size");
    }

    @Test
    void layoutFamiliesDoNotMix() throws IOException {
        Path lockFree = dir.resolve("lockfree.mpm");
        Heap.create(lockFree, TestBackends.get("unsafe"), 4096).close();
        HeapFileException e = assertThrows(HeapFileException.class, () -> Heap.openExisting(lockFree, TestBackends.get("locking")));
        assertMessage(e, lockFree, "LOCK_FREE");
        assertThat(e.getMessage()).contains("LOCKING");
        // The other lock-free backend shares the family.
        Heap.openExisting(lockFree, TestBackends.get("varhandle")).close();

        Path locking = dir.resolve("locking.mpm");
        Heap.create(locking, TestBackends.get("locking"), 4096).close();
        assertMessage(assertThrows(HeapFileException.class, () -> Heap.openExisting(locking, TestBackends.get("varhandle"))),
                locking, "LOCKING");
        assertEquals(LayoutFamily.LOCKING, LayoutFamily.ofId(
                readInt(locking, HeapHeader.LAYOUT_FAMILY_OFFSET)));
    }

    @Test
    void openWithoutABackendPicksOneOfTheFilesFamily() throws IOException {
        Path locking = dir.resolve("locking.mpm");
        try (Heap made = Heap.create(locking, TestBackends.get("locking"), 4096)) {
            made.malloc(64).deref().putLong(0, 99);
        }
        // No backend is forced here, so the default (varhandle) is not imposed on a LOCKING file.
        try (Heap heap = Heap.openExisting(locking); Heap again = Heap.openOrCreate(locking)) {
            assertEquals("locking", heap.backend().name());
            assertEquals("locking", again.backend().name());
        }
        Path lockFree = dir.resolve("lockfree.mpm");
        Heap.create(lockFree, TestBackends.get("unsafe"), 4096).close();
        try (Heap heap = Heap.openExisting(lockFree)) {
            assertEquals("varhandle", heap.backend().name());
        }
    }

    /**
     * Issue #10: {@code Heap.create(p, backend, 6000)} threw but left an empty file at {@code p}
     * (a later {@code Heap.openExisting(p)} said "is empty"). Every argument is checked before anything
     * is created: no file, no directory, and an existing file is not touched.
     */
    @Test
    @Timeout(60)
    void aRefusedCreateLeavesNoFileAndTouchesNoExistingOne() throws IOException {
        Backend backend = TestBackends.get("varhandle");
        Path existing = dir.resolve("existing.mpm");
        try (Heap heap = Heap.create(existing, backend, 4096)) {
            heap.malloc(64).deref().putLong(0, 42);
        }
        byte[] before = Files.readAllBytes(existing);
        for (long mapSize : new long[] {6000, 0, -4096, 2048, 3 * 4096, 1L << 31}) {
            Path missing = dir.resolve("new-" + mapSize).resolve("heap.mpm");
            HeapFileException e = assertThrows(HeapFileException.class, () -> Heap.create(missing, backend, mapSize));
            assertMessage(e, missing, "map size " + mapSize);
            assertThrows(HeapFileException.class, () -> Heap.openOrCreate(missing, backend, mapSize));
            assertThat(missing.getParent()).as("nothing created for map size %d", mapSize).doesNotExist();
            assertThrows(HeapFileException.class, () -> Heap.create(existing, backend, mapSize));
            assertThrows(HeapFileException.class, () -> Heap.openOrCreate(existing, backend, mapSize));
            assertThat(Files.readAllBytes(existing)).as("existing file after map size %d", mapSize)
                    .isEqualTo(before);
        }
        Path noBackend = dir.resolve("no-backend.mpm");
        assertThrows(NullPointerException.class, () -> Heap.create(noBackend, null, 4096));
        assertThat(noBackend).doesNotExist();
        try (Heap heap = Heap.openExisting(existing, backend)) {
            assertEquals(42, heap.block(HeapHeader.DATA_START, 64).deref().getLong(0));
        }
    }

    private static void assertMessage(Exception e, Path file, String fragment) {
        assertThat(e.getMessage()).contains(file.toString()).containsIgnoringCase(fragment);
    }

    private Path copyWithLong(Path from, String name, int offset, long value) throws IOException {
        Path to = dir.resolve(name);
        Files.copy(from, to);
        try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value), offset);
        }
        return to;
    }

    private Path copyWithInt(Path from, String name, int offset, int value) throws IOException {
        Path to = dir.resolve(name);
        Files.copy(from, to);
        try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value), offset);
        }
        return to;
    }

    private static int readInt(Path file, int offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            ch.read(b, offset);
            return b.getInt(0);
        }
    }
}
