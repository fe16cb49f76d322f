package io.mpmetrics.atomic;

/**
 * A 64-bit signed integer in shared memory; all operations are sequentially consistent.
 *
 * <pre>{@code
 * AtomicInt64 hits = backend.newAtomicInt64(region, 0);
 * long before = hits.add(1);    // returns the value from before the addition
 * }</pre>
 *
 * <p>Spec: {@code _mpmetrics.AtomicInt64}, {@code mpmetrics.atomic.AtomicInt64} and {@code LockingInt64}.
 */
public interface AtomicInt64 {
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
     * Adds {@code amount} and returns the value from before the addition. If the addition overflows, the stored result wraps around (two's complement) and, when {@code raiseOnOverflow}, an {@link ArithmeticException} is thrown afterwards — the spec's rule.
     *
     * @param raiseOnOverflow whether an overflow throws after the wrapped value is stored
     * @throws ArithmeticException if the addition overflowed and {@code raiseOnOverflow} is true
     */
    long add(long amount, boolean raiseOnOverflow);
}
