package io.mpmetrics.atomic;

/**
 * A double in shared memory; all operations are sequentially consistent.
 *
 * <pre>{@code
 * AtomicDouble hits = backend.newAtomicDouble(region, 0);
 * double before = hits.add(1);    // returns the value from before the addition
 * }</pre>
 *
 * <p>Spec: {@code _mpmetrics.AtomicDouble}, {@code mpmetrics.atomic.AtomicDouble} and {@code LockingDouble}. NaN and infinities are stored as they are.
 */
public interface AtomicDouble {
    /** The current value. */
    double get();

    /** Sets the value. */
    void set(double value);

    /**
     * Adds {@code amount} and returns the value from before the addition. Same as
     * {@code add(amount, true)}.
     *
     * @throws ArithmeticException if the addition overflowed (the stored value has wrapped)
     */
    default double add(double amount) {
        return add(amount, true);
    }

    /**
     * Adds {@code amount} and returns the value from before the addition. For doubles {@code raiseOnOverflow} is ignored, as in the spec: the sum follows IEEE 754 (it may become infinite or NaN).
     *
     * @param raiseOnOverflow whether an overflow throws after the wrapped value is stored
     * @throws ArithmeticException if the addition overflowed and {@code raiseOnOverflow} is true
     */
    double add(double amount, boolean raiseOnOverflow);
}
