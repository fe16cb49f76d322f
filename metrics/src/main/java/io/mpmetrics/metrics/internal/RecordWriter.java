package io.mpmetrics.metrics.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the fields of a directory record in the explicit format {@link RecordReader} reads:
 * native-independent little-endian ints/longs/doubles, strings as length + UTF-8, lists as
 * count + items. No Java serialization.
 */
public final class RecordWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    public RecordWriter writeByte(int value) {
        out.write(value);
        return this;
    }

    public RecordWriter writeInt(int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    public RecordWriter writeLong(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    public RecordWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public RecordWriter writeString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public RecordWriter writeStrings(List<String> values) {
        writeInt(values.size());
        for (String v : values) {
            writeString(v);
        }
        return this;
    }

    public RecordWriter writeDoubles(double[] values) {
        writeInt(values.length);
        for (double v : values) {
            writeDouble(v);
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
