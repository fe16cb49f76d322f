package io.mpmetrics.types;

import io.mpmetrics.generics.Named;

/**
 * Turns values into bytes and back for {@link SharedObject}, {@link SharedList} and
 * {@link SharedDict}: the Java replacement for the spec's pickle. Shared memory is written
 * by other processes, so {@link #decode} must treat its input as untrusted: it returns a
 * value or throws {@link CodecException}, and never allocates more than its input justifies.
 * Java serialization is never used for shared bytes.
 *
 * <p>A codec is part of the types that use it ({@code Dict[MyCodec]}), so it has a name and
 * must be registered (in {@link Types#registry()}) in every JVM that attaches to them.
 *
 * <pre>{@code
 * Codec codec = DefaultCodec.INSTANCE;
 * byte[] bytes = codec.encode(Map.of("a", List.of(1L, 2.5, "x")));
 * Object back = codec.decode(bytes, 0, bytes.length);
 * }</pre>
 */
public interface Codec extends Named {
    /**
     * The bytes of {@code value}.
     *
     * @throws IllegalArgumentException if this codec cannot encode {@code value}
     */
    byte[] encode(Object value);

    /**
     * The value encoded in {@code bytes[offset, offset + length)}, which must be exactly one
     * encoded value.
     *
     * @throws CodecException if the bytes are not a valid encoding
     */
    Object decode(byte[] bytes, int offset, int length);
}
