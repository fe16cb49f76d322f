package io.mpmetrics.types;

/**
 * Bytes that a {@link Codec} cannot decode (corrupt or foreign data in shared memory), or a
 * corrupt header of a {@link SharedObject}. Decoding never fails in any other way: no
 * out-of-memory, no endless loop, no read outside the bytes it was given.
 */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code message} says what is wrong and where. */
    public CodecException(String message) {
        super(message);
    }

    /** {@code message} says what is wrong and where. */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
