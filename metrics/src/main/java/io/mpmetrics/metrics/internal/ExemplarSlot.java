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
 *   0  SharedLock (16)
 *  16  double value
 *  24  long   timestamp (epoch millis; 0 = no exemplar)
 *  32  int    encoded labels length (bytes)
 *  36  byte[{@value #MAX_LABEL_BYTES}] labels, per pair:
 *        u8  name length, name (ASCII: label names are [a-zA-Z_][a-zA-Z0-9_]*)
 *        u16 value length (big-endian), value (UTF-8)
 * 548  (padding to {@value #SIZE}: every slot starts on its own cache line)
 * </pre>
 *
 * <p>OpenMetrics limits an exemplar's labels to {@value #MAX_CHARACTERS} UTF-8 characters
 * (code points) of names and values in all. Names take one byte per character, values at most
 * four, and each pair three bytes of lengths; a pair's name has at least one character, so a
 * label set of {@code n} name and {@code v} value characters ({@code n + v <= 128}) takes at
 * most {@code n + 4v + 3n <= 512} bytes: every label set within the limit fits.
 */
public final class ExemplarSlot {
    /** The most characters (code points) of label names and values an exemplar may have, as OpenMetrics says. */
    public static final int MAX_CHARACTERS = 128;
    /** Bytes for the encoded labels: enough for any label set of {@value #MAX_CHARACTERS} characters. */
    public static final int MAX_LABEL_BYTES = 4 * MAX_CHARACTERS;
    public static final int SIZE = 576;
    private static final int VALUE = 16;
    private static final int TIMESTAMP = 24;
    private static final int LENGTH = 32;
    private static final int LABELS = 36;

    static {
        if (LABELS + MAX_LABEL_BYTES > SIZE || SIZE % SeriesHeader.CACHE_LINE != 0) {
            throw new AssertionError("exemplar slot layout");
        }
    }

    private final Region mem;
    private final SharedLock lock;

    public ExemplarSlot(Region mem, int offset, Backend backend) {
        this.mem = mem.slice(offset, SIZE);
        this.lock = backend.newLock(this.mem, 0);
    }

    /**
     * Encodes label pairs {@code name1, value1, name2, value2, ...}.
     *
     * @throws IllegalArgumentException if names and values have more than {@value #MAX_CHARACTERS}
     *     characters in all, or a name is not a valid label name
     */
    public static byte[] encode(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("exemplar labels come in name, value pairs; got " + pairs.length
                    + " strings");
        }
        int characters = 0;
        for (String s : pairs) {
            characters += s.codePointCount(0, s.length());
        }
        if (characters > MAX_CHARACTERS) {
            throw new IllegalArgumentException("exemplar labels have " + characters + " characters (names and values"
                    + " in all); OpenMetrics allows at most " + MAX_CHARACTERS);
        }
        byte[] out = new byte[MAX_LABEL_BYTES];
        int pos = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            byte[] name = pairs[i].getBytes(StandardCharsets.UTF_8);
            byte[] value = pairs[i + 1].getBytes(StandardCharsets.UTF_8);
            if (name.length != pairs[i].length() || name.length == 0) {
                throw new IllegalArgumentException("'" + pairs[i] + "' is not a valid exemplar label name");
            }
            // Within the character limit this always fits (see the class comment).
            out[pos++] = (byte) name.length;
            System.arraycopy(name, 0, out, pos, name.length);
            pos += name.length;
            out[pos++] = (byte) (value.length >>> 8);
            out[pos++] = (byte) value.length;
            System.arraycopy(value, 0, out, pos, value.length);
            pos += value.length;
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
                if (n > length - pos - 2) {
                    return null;
                }
                pairs.add(new String(bytes, pos, n, StandardCharsets.UTF_8));
                pos += n;
                int v = (bytes[pos] & 0xFF) << 8 | (bytes[pos + 1] & 0xFF);
                pos += 2;
                if (v > length - pos) {
                    return null;
                }
                pairs.add(new String(bytes, pos, v, StandardCharsets.UTF_8));
                pos += v;
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
