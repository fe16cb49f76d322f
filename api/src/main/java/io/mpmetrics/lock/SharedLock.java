package io.mpmetrics.lock;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Int32Word;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A mutual-exclusion lock in shared memory that works across processes: the spec's
 * {@code _mpmetrics.Lock}, error-checking and recoverable.
 *
 * <pre>
 *  0               4               8                              16
 *  +---------------+---------------+------------------------------+
 *  | owner token   | flags         | owner thread id              |
 *  | (0 = free)    | bit 0: owner  | (written by the holder;      |
 *  | 32-bit CAS    |   died        |  0 when free)                |
 *  +---------------+---------------+------------------------------+
 * </pre>
 *
 * <ul>
 * <li><b>Error-checking.</b> Acquiring it again from the thread that holds it, or releasing
 * it from a thread that does not, is an {@link IllegalStateException}, never a deadlock.</li>
 * <li><b>Waiting.</b> A bounded spin, a bounded number of yields, then parking with exponential back-off up to
 * {@value #MAX_PARK_NANOS} ns; no endless busy spin.</li>
 * <li><b>Recoverable.</b> The owner word holds the holder process's token from
 * {@link ProcessLiveness}. A waiter checks every {@value #LIVENESS_CHECK_MILLIS} ms whether
 * the holder is still alive; if it died, the waiter takes the lock over and
 * {@link #previousOwnerDied()} is true for that hold.</li>
 * <li>Only a 32-bit compare-and-set is used, so the lock also serves the {@code LOCKING}
 * backend on platforms with 32-bit atomics only.</li>
 * </ul>
 *
 * <pre>{@code
 * SharedLock lock = backend.newLock(region, 0);
 * try (LockGuard held = lock.lock()) {
 *     // critical section, across all processes sharing the region
 * }
 * if (lock.tryAcquire(100, TimeUnit.MILLISECONDS)) {
 *     try { ... } finally { lock.release(); }
 * }
 * }</pre>
 */
public final class SharedLock {
    /** Bytes a lock occupies. */
    public static final int SIZE = 16;
    /** Required alignment of a lock. */
    public static final int ALIGNMENT = 8;
    /** Offset of the 32-bit owner token (0 when free). */
    public static final int OWNER_OFFSET = 0;
    /** Offset of the 32-bit flags word. */
    public static final int FLAGS_OFFSET = 4;
    /** Offset of the 64-bit id of the holding thread inside the holding process. */
    public static final int THREAD_OFFSET = 8;
    /** Flag: the current hold was taken over from a dead process. */
    public static final int FLAG_OWNER_DIED = 1;

    static final int SPIN_TRIES = 128;
    static final int YIELD_TRIES = 64;
    static final long MIN_PARK_NANOS = 1_000;
    static final long MAX_PARK_NANOS = 1_000_000;
    static final long LIVENESS_CHECK_MILLIS = 10;

    private final Int32Word owner;
    private final Region region;
    private final int offset;
    private final ProcessLiveness liveness;

    /**
     * A lock at {@code offset} of {@code region}, using {@code ownerWord} (a view of the
     * owner field) for its compare-and-set. Backends call this; users call
     * {@link io.mpmetrics.spi.Backend#newLock}.
     */
    public SharedLock(Region region, int offset, Int32Word ownerWord) {
        region.index(offset, SIZE, ALIGNMENT);
        this.region = region;
        this.offset = offset;
        this.owner = ownerWord;
        this.liveness = region.liveness();
    }

    /**
     * Blocks until the lock is held by this thread.
     *
     * @throws IllegalStateException if this thread already holds it
     */
    public void acquire() {
        acquire(true, Long.MAX_VALUE);
    }

    /**
     * Acquires the lock and returns a guard that releases it on close; closing the guard again
     * does nothing (see {@link LockGuard#close()}).
     *
     * @return the guard of this hold
     * @throws IllegalStateException if this thread already holds the lock
     */
    public LockGuard lock() {
        acquire();
        return new Hold();
    }

    /**
     * Takes the lock if it is free (or its holder has died); never waits.
     *
     * @return whether the lock is now held by this thread
     * @throws IllegalStateException if this thread already holds it
     */
    public boolean tryAcquire() {
        return acquire(false, 0);
    }

    /**
     * Waits at most {@code timeout} for the lock.
     *
     * @return whether the lock is now held by this thread
     * @throws IllegalStateException if this thread already holds it
     */
    public boolean tryAcquire(long timeout, TimeUnit unit) {
        return acquire(true, Math.max(0, unit.toNanos(timeout)));
    }

    /**
     * The spec's {@code acquire(block, timeout)}: {@code timeoutSeconds < 0} waits forever.
     */
    public boolean acquire(boolean block, double timeoutSeconds) {
        if (!block) {
            return tryAcquire();
        }
        return acquire(true, timeoutSeconds < 0 ? Long.MAX_VALUE : (long) Math.min(Long.MAX_VALUE, timeoutSeconds * 1e9));
    }

    private boolean acquire(boolean block, long timeoutNanos) {
        final int me = liveness.currentToken();
        final long thread = Thread.currentThread().getId();
        int current = owner.getVolatile();
        if (current == me && region.getLong(offset + THREAD_OFFSET) == thread) {
            throw new IllegalStateException("lock at " + describe() + " is already held by this thread "
                    + "(SharedLock is not reentrant)");
        }
        if (current == 0 && owner.compareAndSet(0, me)) {
            return acquired(thread, false);
        }
        boolean interrupted = false;
        final long start = System.nanoTime();
        long lastCheck = start - TimeUnit.MILLISECONDS.toNanos(LIVENESS_CHECK_MILLIS);
        long park = MIN_PARK_NANOS;
        int spins = 0;
        try {
            while (true) {
                current = owner.getVolatile();
                if (current == 0) {
                    if (owner.compareAndSet(0, me)) {
                        return acquired(thread, false);
                    }
                    continue;
                }
                long now = System.nanoTime();
                if (current != me && now - lastCheck >= TimeUnit.MILLISECONDS.toNanos(LIVENESS_CHECK_MILLIS)) {
                    lastCheck = now;
                    if (!liveness.isAlive(current) && owner.compareAndSet(current, me)) {
                        return acquired(thread, true);
                    }
                }
                if (!block || now - start >= timeoutNanos) {
                    return false;
                }
                if (spins < SPIN_TRIES) {
                    spins++;
                    Thread.onSpinWait();
                } else if (spins < SPIN_TRIES + YIELD_TRIES) {
                    // Give the core to the holder (it may be a descheduled process) before sleeping.
                    spins++;
                    Thread.yield();
                } else {
                    long left = timeoutNanos - (now - start);
                    LockSupport.parkNanos(this, Math.min(park, Math.max(left, 1)));
                    park = Math.min(park * 2, MAX_PARK_NANOS);
                    // Not interruptible (like the spec's mutex): keep waiting, restore the flag after.
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean acquired(long thread, boolean ownerDied) {
        region.putLong(offset + THREAD_OFFSET, thread);
        region.putInt(offset + FLAGS_OFFSET, ownerDied ? FLAG_OWNER_DIED : 0);
        return true;
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalStateException if this thread does not hold it
     */
    public void release() {
        if (!isHeldByCurrentThread()) {
            throw new IllegalStateException("lock at " + describe() + " is not held by this thread");
        }
        region.putLong(offset + THREAD_OFFSET, 0);
        region.putInt(offset + FLAGS_OFFSET, 0);
        owner.setVolatile(0);
    }

    /**
     * Whether the current hold was taken over from a process that died while holding the
     * lock. Meaningful while this thread holds the lock.
     *
     * @return whether the previous holder died holding it
     */
    public boolean previousOwnerDied() {
        return isHeldByCurrentThread() && (region.getInt(offset + FLAGS_OFFSET) & FLAG_OWNER_DIED) != 0;
    }

    /** Whether the calling thread holds this lock. */
    public boolean isHeldByCurrentThread() {
        return owner.getVolatile() == liveness.currentToken()
                && region.getLong(offset + THREAD_OFFSET) == Thread.currentThread().getId();
    }

    /** Whether any thread of any process holds this lock (a snapshot). */
    public boolean isLocked() {
        return owner.getVolatile() != 0;
    }

    /** The raw owner token, 0 when free (for diagnostics). */
    public int ownerToken() {
        return owner.getVolatile();
    }

    /**
     * One hold of the lock, as {@link #lock()} returns it: the first {@link #close()} releases
     * the lock, later ones do nothing, so a guard closed by hand and again by
     * try-with-resources does not release a later hold of the same thread.
     */
    private final class Hold implements LockGuard {
        private boolean released;

        @Override
        public boolean previousOwnerDied() {
            return !released && SharedLock.this.previousOwnerDied();
        }

        @Override
        public void close() {
            if (!released) {
                release();
                released = true;
            }
        }

        @Override
        public String toString() {
            return (released ? "released hold of " : "hold of ") + SharedLock.this;
        }
    }

    private String describe() {
        return region.describe(offset);
    }

    @Override
    public String toString() {
        int token = owner.getVolatile();
        return "SharedLock[" + describe() + ", " + (token == 0 ? "free" : "held by " + liveness.describe(token)) + "]";
    }
}
