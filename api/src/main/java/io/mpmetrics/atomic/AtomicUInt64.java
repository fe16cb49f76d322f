package io.mpmetrics.atomic;

/**
 * A 64-bit unsigned integer, carried bit for bit in a {@code long} in shared memory; all operations are sequentially consistent.
 *
 * <pre>{@code
 * AtomicUInt64 hits = backend.newAtomicUInt64(region, 0);
 * long before = hits.add(1);    // returns the value from before the addition
 * }</pre>
 *
 * <p>Spec: {@code _mpmetrics.AtomicUInt64}, {@code mpmetrics.atomic.AtomicUInt64} and {@code LockingUInt64}. Read values with {@link Long#toUnsignedString(long)}; amounts are unsigned.
 */
public interface AtomicUInt64 {
    /** The current value. */
    long get();

    /** Sets the value. */
    void set(long value);

    /**
     * Adds {@code amount} and returns the value from before the addition. Same as
     * {@code add(amount, true)}.
     *
     * @throws ArithmeticException if the addition overflowed (the stored value has wrapped)
     */
    default long add(long amount) {
        return add(amount, true);
    }

    /**
     * Adds {@code amount} and returns the value from before the addition. If the addition overflows, the stored result wraps around (two's complement) and, when {@code raiseOnOverflow}, an {@link ArithmeticException} is thrown afterwards — the spec's rule. Overflow means the unsigned sum exceeds 2<sup>64</sup>-1.
     *
     * @param raiseOnOverflow whether an overflow throws after the wrapped value is stored
     * @throws ArithmeticException if the addition overflowed and {@code raiseOnOverflow} is true
     */
    long add(long amount, boolean raiseOnOverflow);
}
