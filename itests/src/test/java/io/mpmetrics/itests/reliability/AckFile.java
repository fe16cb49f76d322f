package io.mpmetrics.itests.reliability;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A worker's acknowledgements: a tiny memory-mapped file of counters, one per kind of update,
 * written by the worker right after each update it made. The page belongs to the kernel, so
 * what was written survives a SIGKILL: after the worker dies its shared metric must equal the
 * acknowledged count, or one more for the update it was making when it died.
 *
 * <pre>
 * slot i (8 bytes each, native order): updates of kind i completed and acknowledged
 * </pre>
 *
 * <pre>{@code
 * AckFile acks = AckFile.open(dir.resolve("w1.ack"));
 * counter.inc();
 * acks.set(AckFile.COUNTER, ++done);
 * }</pre>
 */
final class AckFile implements AutoCloseable {
    static final int COUNTER = 0;
    static final int HISTOGRAM = 1;
    static final int SUMMARY = 2;
    static final int LABEL_SETS = 3;
    static final int GAUGE = 4;
    static final int SLOTS = 8;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final FileChannel channel;
    private final MappedByteBuffer buffer;

    private AckFile(FileChannel channel, MappedByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
    }

    /** Opens (creating, zero-filled) the ack file at {@code path}. */
    static AckFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new AckFile(channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, 8L * SLOTS));
    }

    /** Publishes that {@code value} updates of {@code slot}'s kind are done. */
    void set(int slot, long value) {
        LONGS.setRelease(buffer, slot * 8, value);
    }

    /** The acknowledged count of {@code slot}'s kind. */
    long get(int slot) {
        return (long) LONGS.getAcquire(buffer, slot * 8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
