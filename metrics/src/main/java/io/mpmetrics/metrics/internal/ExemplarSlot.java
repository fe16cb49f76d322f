package io.mpmetrics.metrics.internal;

import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One exemplar in shared memory, replaced whole under its own lock. Writers never wait: if
 * the slot is busy the new exemplar is dropped (exemplars are samples). A slot whose writer
 * died is recovered by its lock.
 *
 * <pre>
 *  0  SharedLock (16)
 * 16  double value
 * 24  long   timestamp (epoch millis; 0 = no exemplar)
 * 32  int    encoded labels length
 * 36  byte[{@value #MAX_LABEL_BYTES}] labels: per pair u8 name length, name, u8 value length, value (UTF-8)
 * </pre>
 */
public final class ExemplarSlot {
    public static final int MAX_LABEL_BYTES = 256;
    public static final int SIZE = 36 + MAX_LABEL_BYTES + 4;
    private static final int VALUE = 16;
    private static final int TIMESTAMP = 24;
    private static final int LENGTH = 32;
    private static final int LABELS = 36;

    private final Region mem;
    private final SharedLock lock;

    public ExemplarSlot(Region mem, int offset, Backend backend) {
        this.mem = mem.slice(offset, SIZE);
        this.lock = backend.newLock(this.mem, 0);
    }

    /** Encodes label pairs {@code name1, value1, name2, value2, ...}; the caller validated them. */
    public static byte[] encode(String... pairs) {
        byte[] out = new byte[MAX_LABEL_BYTES];
        int pos = 0;
        for (String s : pairs) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 255 || pos + 1 + b.length > MAX_LABEL_BYTES) {
                throw new IllegalArgumentException("exemplar labels are too long (at most 128 characters in all)");
            }
            out[pos++] = (byte) b.length;
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        return java.util.Arrays.copyOf(out, pos);
    }

    /** Stores an exemplar unless another writer is storing one right now. */
    public void offer(byte[] labels, double value, long timestampMillis) {
        if (!lock.tryAcquire()) {
            return;
        }
        try {
            mem.putDouble(VALUE, value);
            mem.putInt(LENGTH, labels.length);
            mem.putBytes(LABELS, labels, 0, labels.length);
            mem.putLong(TIMESTAMP, timestampMillis);
        } finally {
            lock.release();
        }
    }

    /**
     * The stored exemplar as (labels pairs, value, timestamp), or null if there is none, the
     * slot stays busy for long, or its bytes are corrupt.
     */
    public Stored read() {
        if (!lock.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return null;
        }
        try {
            long ts = mem.getLong(TIMESTAMP);
            if (ts == 0) {
                return null;
            }
            int length = mem.getInt(LENGTH);
            if (length < 0 || length > MAX_LABEL_BYTES) {
                return null;
            }
            byte[] bytes = new byte[length];
            mem.getBytes(LABELS, bytes, 0, length);
            List<String> pairs = new ArrayList<>();
            for (int pos = 0; pos < length; ) {
                int n = bytes[pos++] & 0xFF;
                if (n > length - pos) {
                    return null;
                }
                pairs.add(new String(bytes, pos, n, StandardCharsets.UTF_8));
                pos += n;
            }
            if (pairs.size() % 2 != 0) {
                return null;
            }
            return new Stored(pairs, mem.getDouble(VALUE), ts);
        } finally {
            lock.release();
        }
    }

    /** An exemplar read back: label pairs, value, epoch millis. */
    public record Stored(List<String> labelPairs, double value, long timestampMillis) {
    }
}
