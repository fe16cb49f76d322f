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
     *
     * @return true if the previous holder died holding the lock; false once this guard is closed
     */
    boolean previousOwnerDied();

    /**
     * Releases the lock the first time it is called; later calls do nothing, as
     * {@link AutoCloseable} users expect (a guard closed by hand inside try-with-resources is
     * not released twice, and never releases a later hold).
     *
     * @throws IllegalStateException if the first call comes from a thread that does not hold
     *     the lock (the hold is then kept, and the holder can still close it)
     */
    @Override
    void close();
}
