package io.mpmetrics.metrics.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link RecordWriter} wrote, trusting nothing: every length is checked against
 * the bytes that remain, so a corrupt record is a {@link CorruptRecordException}, never an
 * out-of-memory error or a read past the record.
 */
public final class RecordReader {
    private final byte[] bytes;
    private int pos;

    public RecordReader(byte[] bytes) {
        this.bytes = bytes;
    }

    private void need(int n, String what) {
        if (n < 0 || n > bytes.length - pos) {
            throw new CorruptRecordException("record too short for " + what + " (" + n + " bytes at " + pos + " of "
                    + bytes.length + ")");
        }
    }

    public int readByte() {
        need(1, "a byte");
        return bytes[pos++] & 0xFF;
    }

    public int readInt() {
        need(4, "an int");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (bytes[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    public long readLong() {
        need(8, "a long");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (bytes[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public String readString() {
        int length = readInt();
        need(length, "a string of " + length + " bytes");
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, pos, length)).toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw new CorruptRecordException("record holds a string that is not UTF-8");
        }
    }

    private int readCount(int minItemBytes, String what) {
        int count = readInt();
        if (count < 0 || (long) count * minItemBytes > bytes.length - pos) {
            throw new CorruptRecordException("record claims " + count + " " + what + " but has "
                    + (bytes.length - pos) + " bytes left");
        }
        return count;
    }

    public List<String> readStrings() {
        int count = readCount(4, "strings");
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return values;
    }

    public double[] readDoubles() {
        int count = readCount(8, "doubles");
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = readDouble();
        }
        return values;
    }

    /** Throws unless every byte was read. */
    public void expectEnd() {
        if (pos != bytes.length) {
            throw new CorruptRecordException("record has " + (bytes.length - pos) + " unexpected trailing bytes");
        }
    }
}
