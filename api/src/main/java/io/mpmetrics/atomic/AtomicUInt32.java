package io.mpmetrics.atomic;

/**
 * A 32-bit unsigned integer, carried bit for bit in an {@code int} in shared memory; all operations are sequentially consistent.
 *
 * <pre>{@code
 * AtomicUInt32 hits = backend.newAtomicUInt32(region, 0);
 * int before = hits.add(1);    // returns the value from before the addition
 * }</pre>
 *
 * <p>Spec: {@code _mpmetrics.AtomicUInt32}. Read values with {@link Integer#toUnsignedLong(int)}; amounts are unsigned.
 */
public interface AtomicUInt32 {
    /** The current value. */
    int get();

    /** Sets the value. */
    void set(int value);

    /**
     * Adds {@code amount} and returns the value from before the addition. Same as
     * {@code add(amount, true)}.
     *
     * @throws ArithmeticException if the addition overflowed (the stored value has wrapped)
     */
    default int add(int amount) {
        return add(amount, true);
    }

    /**
     * Adds {@code amount} and returns the value from before the addition. If the addition overflows, the stored result wraps around (two's complement) and, when {@code raiseOnOverflow}, an {@link ArithmeticException} is thrown afterwards — the spec's rule. Overflow means the unsigned sum exceeds 2<sup>32</sup>-1.
     *
     * @param raiseOnOverflow whether an overflow throws after the wrapped value is stored
     * @throws ArithmeticException if the addition overflowed and {@code raiseOnOverflow} is true
     */
    int add(int amount, boolean raiseOnOverflow);
}
