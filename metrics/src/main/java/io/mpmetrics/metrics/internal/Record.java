package io.mpmetrics.metrics.internal;

import io.mpmetrics.types.CodecException;
import io.mpmetrics.types.DefaultCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a directory record: a list encoded with the {@link DefaultCodec} (no Java
 * serialization), read back with typed accessors that trust nothing — a missing field or one of
 * the wrong type is a {@link CorruptRecordException}.
 *
 * <pre>{@code
 * byte[] bytes = Record.encode(List.of(7L, "name", List.of("a", "b")));
 * Record r = Record.decode(bytes, 3);
 * long id = r.longAt(0);
 * }</pre>
 */
public final class Record {
    private final List<?> fields;

    private Record(List<?> fields) {
        this.fields = fields;
    }

    /** The bytes of a record holding {@code fields}. */
    public static byte[] encode(List<?> fields) {
        return DefaultCodec.INSTANCE.encode(fields);
    }

    /**
     * Decodes a record that must have exactly {@code fieldCount} fields.
     *
     * @throws CorruptRecordException if the bytes are not such a record
     */
    public static Record decode(byte[] bytes, int fieldCount) {
        Object value;
        try {
            value = DefaultCodec.INSTANCE.decode(bytes, 0, bytes.length);
        } catch (CodecException e) {
            throw new CorruptRecordException("undecodable record: " + e.getMessage());
        }
        if (!(value instanceof List) || ((List<?>) value).size() != fieldCount) {
            throw new CorruptRecordException("record is not a list of " + fieldCount + " fields");
        }
        return new Record((List<?>) value);
    }

    private <T> T field(int index, Class<T> type) {
        Object v = fields.get(index);
        if (!type.isInstance(v)) {
            throw new CorruptRecordException("record field " + index + " is " + (v == null ? "null" : v.getClass()
                    .getSimpleName()) + ", expected " + type.getSimpleName());
        }
        return type.cast(v);
    }

    public long longAt(int index) {
        return field(index, Long.class);
    }

    public String stringAt(int index) {
        return field(index, String.class);
    }

    public List<String> stringsAt(int index) {
        List<?> list = field(index, List.class);
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String)) {
                throw new CorruptRecordException("record field " + index + " holds a non-string");
            }
            out.add((String) o);
        }
        return out;
    }

    public List<Double> doublesAt(int index) {
        List<?> list = field(index, List.class);
        List<Double> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Double)) {
                throw new CorruptRecordException("record field " + index + " holds a non-double");
            }
            out.add((Double) o);
        }
        return out;
    }
}
