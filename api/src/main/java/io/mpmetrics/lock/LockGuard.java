package io.mpmetrics.lock;

/**
 * A held {@link SharedLock}, for try-with-resources; closing it releases the lock.
 *
 * <pre>{@code
 * try (LockGuard held = lock.lock()) {
 *     if (held.previousOwnerDied()) {
 *         repairWhatTheLockProtects();
 *     }
 *     ...
 * }
 * }</pre>
 */
public interface LockGuard extends AutoCloseable {
    /**
     * Whether this hold was taken over from a process that died while holding the lock:
     * the data the lock protects may be half-updated.
     */
    boolean previousOwnerDied();

    /** Releases the lock. */
    @Override
    void close();
}
