package io.mpmetrics.atomic;

/**
 * A 32-bit signed integer in shared memory; all operations are sequentially consistent.
 *
 * <pre>{@code
 * AtomicInt32 hits = backend.newAtomicInt32(region, 0);
 * int before = hits.add(1);    // returns the value from before the addition
 * }</pre>
 *
 * <p>Spec: {@code _mpmetrics.AtomicInt32}.
 */
public interface AtomicInt32 {
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
     * Adds {@code amount} and returns the value from before the addition. If the addition overflows, the stored result wraps around (two's complement) and, when {@code raiseOnOverflow}, an {@link ArithmeticException} is thrown afterwards — the spec's rule.
     *
     * @param raiseOnOverflow whether an overflow throws after the wrapped value is stored
     * @throws ArithmeticException if the addition overflowed and {@code raiseOnOverflow} is true
     */
    int add(int amount, boolean raiseOnOverflow);
}
