package io.mpmetrics.spi;

/**
 * A 32-bit word of shared memory with volatile access and compare-and-set: the one atomic
 * primitive that {@link io.mpmetrics.lock.SharedLock} needs. Every backend provides it, the
 * {@code LOCKING} one included (it is meant for platforms with 32-bit atomics only).
 */
public interface Int32Word {
    /** Reads the word with volatile semantics. */
    int getVolatile();

    /** Writes the word with volatile semantics. */
    void setVolatile(int value);

    /**
     * Writes the word with release semantics: earlier writes become visible no later than this
     * one (the end of a seqlock write). Defaults to {@link #setVolatile(int)}.
     */
    default void setRelease(int value) {
        setVolatile(value);
    }

    /** Atomically sets the word to {@code value} if it is {@code expected}. */
    boolean compareAndSet(int expected, int value);
}
