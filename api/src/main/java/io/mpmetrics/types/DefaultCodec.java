package io.mpmetrics.types;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link Codec}, named {@code DefaultCodec}: {@code null}, booleans, integers,
 * doubles, strings, byte arrays, lists and maps, nested up to {@value #MAX_DEPTH} levels.
 *
 * <p>Decoded values: {@code null}, {@link Boolean}, {@link Long} (for any
 * {@code Byte}/{@code Short}/{@code Integer}/{@code Long} encoded), {@link Double} (also for
 * {@code Float}), {@link String}, {@code byte[]}, {@link ArrayList} (for any {@link List}) and
 * {@link LinkedHashMap} (for any {@link Map}; entry order is kept).
 *
 * <pre>
 * value  := tag payload
 * tag 0   null
 * tag 1   false
 * tag 2   true
 * tag 3   integer  zigzag varint (1..10 bytes, 7 bits per byte, low bits first)
 * tag 4   double   8 bytes, IEEE 754 bits, big-endian
 * tag 5   string   varint n, then n bytes of strict UTF-8
 * tag 6   bytes    varint n, then n bytes
 * tag 7   list     varint n, then n values
 * tag 8   map      varint n, then n (key, value) pairs; no key twice
 * </pre>
 *
 * <p>Decoding checks every tag, length and count against the bytes that remain before
 * allocating anything, rejects malformed UTF-8, duplicate map keys, nesting deeper than
 * {@value #MAX_DEPTH} and trailing bytes: any defect is a {@link CodecException}.
 *
 * <pre>{@code
 * byte[] b = DefaultCodec.INSTANCE.encode(List.of("ä", 1, 2.5));
 * DefaultCodec.INSTANCE.decode(b, 0, b.length);   // ["ä", 1L, 2.5]
 * }</pre>
 */
public final class DefaultCodec implements Codec {
    /** The codec. */
    public static final DefaultCodec INSTANCE = new DefaultCodec();
    /** The deepest nesting of lists and maps encoded or decoded. */
    public static final int MAX_DEPTH = 64;

    // A claimed count is checked against the bytes left, but a map's table costs more per
    // entry than its encoding: collections start small and grow with what is really decoded.
    private static final int INITIAL_CAPACITY_LIMIT = 1024;

    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int INTEGER = 3;
    static final int DOUBLE = 4;
    static final int STRING = 5;
    static final int BYTES = 6;
    static final int LIST = 7;
    static final int MAP = 8;

    private DefaultCodec() {
    }

    @Override
    public String name() {
        return "DefaultCodec";
    }

    @Override
    public byte[] encode(Object value) {
        Writer w = new Writer();
        w.value(value, 0);
        return w.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Reader r = new Reader(bytes, offset, offset + length);
        Object value = r.value(0);
        if (r.pos != r.end) {
            throw new CodecException((r.end - r.pos) + " trailing bytes after the value at " + (r.pos - offset));
        }
        return value;
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Writer {
        private byte[] buf = new byte[64];
        private int len;

        void value(Object v, int depth) {
            if (v == null) {
                put(NULL);
            } else if (v instanceof Boolean) {
                put((Boolean) v ? TRUE : FALSE);
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                put(INTEGER);
                long n = ((Number) v).longValue();
                varint((n << 1) ^ (n >> 63));
            } else if (v instanceof Double || v instanceof Float) {
                put(DOUBLE);
                long bits = Double.doubleToRawLongBits(((Number) v).doubleValue());
                for (int shift = 56; shift >= 0; shift -= 8) {
                    put((int) (bits >>> shift));
                }
            } else if (v instanceof String) {
                put(STRING);
                utf8((String) v);
            } else if (v instanceof byte[]) {
                byte[] b = (byte[]) v;
                put(BYTES);
                varint(b.length);
                put(b, 0, b.length);
            } else if (v instanceof List) {
                List<?> list = (List<?>) v;
                checkDepth(depth);
                put(LIST);
                varint(list.size());
                for (Object e : list) {
                    value(e, depth + 1);
                }
            } else if (v instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) v;
                checkDepth(depth);
                put(MAP);
                varint(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    value(e.getKey(), depth + 1);
                    value(e.getValue(), depth + 1);
                }
            } else {
                throw new IllegalArgumentException("DefaultCodec cannot encode a " + v.getClass().getName()
                        + " (it encodes null, Boolean, Long/Integer/Short/Byte, Double/Float, String, byte[], List, Map)");
            }
        }

        private static void checkDepth(int depth) {
            if (depth >= MAX_DEPTH) {
                throw new IllegalArgumentException("value is nested deeper than " + MAX_DEPTH
                        + " lists/maps (does it contain itself?)");
            }
        }

        // Strict UTF-8: an unpaired surrogate would not survive a round trip, so it is refused.
        private void utf8(String s) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    n += 1;
                } else if (c < 0x800) {
                    n += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
                } else {
                    n += 3;
                }
            }
            varint(n);
            for (int i = 0; i < s.length(); i++) {
                int c = s.codePointAt(i);
                if (c < 0x80) {
                    put(c);
                } else if (c < 0x800) {
                    put(0xc0 | (c >> 6));
                    put(0x80 | (c & 0x3f));
                } else if (c < 0x10000) {
                    put(0xe0 | (c >> 12));
                    put(0x80 | ((c >> 6) & 0x3f));
                    put(0x80 | (c & 0x3f));
                } else {
                    put(0xf0 | (c >> 18));
                    put(0x80 | ((c >> 12) & 0x3f));
                    put(0x80 | ((c >> 6) & 0x3f));
                    put(0x80 | (c & 0x3f));
                    i++;
                }
            }
        }

        private void varint(long v) {
            while ((v & ~0x7fL) != 0) {
                put((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            put((int) v);
        }

        private void put(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        private void put(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        private void ensure(int n) {
            if (buf.length - len < n) {
                long want = Math.max((long) buf.length * 2, (long) len + n);
                if (want > Integer.MAX_VALUE - 8) {
                    if ((long) len + n > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("encoded value would exceed 2 GiB");
                    }
                    want = Integer.MAX_VALUE - 8;
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private final int start;
        private final int end;
        private int pos;
        private CharsetDecoder utf8;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.pos = start;
        }

        Object value(int depth) {
            int at = pos;
            int tag = next();
            switch (tag) {
                case NULL:
                    return null;
                case FALSE:
                    return Boolean.FALSE;
                case TRUE:
                    return Boolean.TRUE;
                case INTEGER: {
                    long z = varint();
                    return (z >>> 1) ^ -(z & 1);
                }
                case DOUBLE: {
                    need(8, "a double");
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = (bits << 8) | (bytes[pos++] & 0xff);
                    }
                    return Double.longBitsToDouble(bits);
                }
                case STRING:
                    return string(length("string"));
                case BYTES: {
                    int n = length("byte array");
                    byte[] b = Arrays.copyOfRange(bytes, pos, pos + n);
                    pos += n;
                    return b;
                }
                case LIST: {
                    checkDepth(depth, at);
                    int n = count(1, "list");
                    List<Object> list = new ArrayList<>(Math.min(n, INITIAL_CAPACITY_LIMIT));
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
                case MAP: {
                    checkDepth(depth, at);
                    int n = count(2, "map");
                    Map<Object, Object> map = new LinkedHashMap<>(Math.min(n * 2, INITIAL_CAPACITY_LIMIT));
                    for (int i = 0; i < n; i++) {
                        int keyAt = pos;
                        Object key = value(depth + 1);
                        if (map.containsKey(key)) {
                            throw new CodecException("duplicate map key at " + (keyAt - start));
                        }
                        map.put(key, value(depth + 1));
                    }
                    return map;
                }
                default:
                    throw new CodecException("unknown tag " + tag + " at " + (at - start));
            }
        }

        private void checkDepth(int depth, int at) {
            if (depth >= MAX_DEPTH) {
                throw new CodecException("lists/maps nested deeper than " + MAX_DEPTH + " at " + (at - start));
            }
        }

        private int next() {
            need(1, "a tag");
            return bytes[pos++] & 0xff;
        }

        private void need(int n, String what) {
            if (end - pos < n) {
                throw new CodecException("truncated: " + what + " at " + (pos - start) + " needs " + n
                        + " bytes, " + (end - pos) + " left");
            }
        }

        private long varint() {
            int at = pos;
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                need(1, "a varint");
                int b = bytes[pos++] & 0xff;
                if (shift == 63 && b > 1) {
                    throw new CodecException("varint at " + (at - start) + " overflows 64 bits");
                }
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new CodecException("varint at " + (at - start) + " is longer than 10 bytes");
        }

        /** A byte length, checked against the bytes left. */
        private int length(String what) {
            int at = pos;
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw new CodecException(what + " at " + (at - start) + " claims " + Long.toUnsignedString(n)
                        + " bytes, " + (end - pos) + " left");
            }
            return (int) n;
        }

        /** An element count; every element takes at least {@code minBytes}, so it is checked too. */
        private int count(int minBytes, String what) {
            int at = pos;
            long n = varint();
            if (n < 0 || n > (end - pos) / minBytes) {
                throw new CodecException(what + " at " + (at - start) + " claims " + Long.toUnsignedString(n)
                        + " elements, only " + (end - pos) + " bytes left");
            }
            return (int) n;
        }

        private String string(int n) {
            if (utf8 == null) {
                utf8 = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            int at = pos;
            try {
                String s = utf8.decode(ByteBuffer.wrap(bytes, pos, n)).toString();
                pos += n;
                return s;
            } catch (CharacterCodingException e) {
                throw new CodecException("malformed UTF-8 in the string at " + (at - start), e);
            }
        }
    }
}
