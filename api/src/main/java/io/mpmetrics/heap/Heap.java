package io.mpmetrics.heap;

import io.mpmetrics.lock.ProcessLiveness;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** STUB: signatures only; being implemented. */
public final class Heap implements Closeable {
    public static final long DEFAULT_MAP_SIZE = 64 * 1024;
    public static final long DEFAULT_ALIGNMENT = 64;

    private Heap() {
    }

    public static Path defaultDirectory() throws IOException { throw new UnsupportedOperationException(); }
    public static Heap create() throws IOException { throw new UnsupportedOperationException(); }
    public static Heap create(Path file) throws IOException { throw new UnsupportedOperationException(); }
    public static Heap create(Path file, Backend backend, long mapSize) throws IOException { throw new UnsupportedOperationException(); }
    public static Heap open(Path file) throws IOException { throw new UnsupportedOperationException(); }
    public static Heap open(Path file, Backend backend) throws IOException { throw new UnsupportedOperationException(); }
    public static Heap openOrCreate(Path file) throws IOException { throw new UnsupportedOperationException(); }
    public static Heap openOrCreate(Path file, Backend backend, long mapSize) throws IOException { throw new UnsupportedOperationException(); }

    public Block malloc(long size) { return malloc(size, DEFAULT_ALIGNMENT); }
    public Block malloc(long size, long alignment) { throw new UnsupportedOperationException(); }
    public Block block(long start, long size) { throw new UnsupportedOperationException(); }
    Region deref(long start, long size) { throw new UnsupportedOperationException(); }

    public Path path() { throw new UnsupportedOperationException(); }
    public Backend backend() { throw new UnsupportedOperationException(); }
    public LayoutFamily layoutFamily() { throw new UnsupportedOperationException(); }
    public long mapSize() { throw new UnsupportedOperationException(); }
    public long used() { throw new UnsupportedOperationException(); }
    public long fileSize() throws IOException { throw new UnsupportedOperationException(); }
    public SharedLock lock() { throw new UnsupportedOperationException(); }
    public ProcessLiveness liveness() { throw new UnsupportedOperationException(); }
    public long root(int index) { throw new UnsupportedOperationException(); }
    public boolean compareAndSetRoot(int index, long expected, long value) { throw new UnsupportedOperationException(); }

    @Override
    public void close() { }
}
