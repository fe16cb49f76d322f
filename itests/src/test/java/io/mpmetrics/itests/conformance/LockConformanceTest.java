package io.mpmetrics.itests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.lock.ProcessLiveness;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * The spec's lock test ({@code test_basics}) and mutual exclusion, over every backend's
 * {@link Backend#newLock}: the lock is the same {@link SharedLock}, what differs is the
 * backend's 32-bit compare-and-set word under it.
 */
@Timeout(120)
class LockConformanceTest {
    /** Runs {@code body} on another thread and returns its result (or exception). */
    private static <T> CompletableFuture<T> onOtherThread(java.util.function.Supplier<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "lock-conformance-other");
        t.start();
        return result;
    }

    /** A thread that holds {@code lock} until {@code release} is counted down. */
    private static Thread holder(SharedLock lock, CountDownLatch held, CountDownLatch release) {
        Thread t = new Thread(() -> {
            lock.acquire();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.release();
            }
        }, "lock-conformance-holder");
        t.start();
        return t;
    }

    @EachBackend
    void acquiringTwiceFromTheSameThreadThrows(Backend backend) {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        lock.acquire();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
        assertTrue(e.getMessage().contains("already held"), e.getMessage());
        assertThrows(IllegalStateException.class, lock::tryAcquire);
        assertThrows(IllegalStateException.class, () -> lock.tryAcquire(10, TimeUnit.MILLISECONDS));
        assertTrue(lock.isHeldByCurrentThread(), "a failed re-acquire leaves the hold intact");
        lock.release();
        assertFalse(lock.isLocked());
    }

    @EachBackend
    void releasingWithoutHoldingThrows(Backend backend) {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertTrue(e.getMessage().contains("not held"), e.getMessage());
        lock.acquire();
        lock.release();
        assertThrows(IllegalStateException.class, lock::release, "a second release");
    }

    @EachBackend
    void tryAcquireFailsWhileAnotherThreadHoldsIt(Backend backend) throws Exception {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = holder(lock, held, release);
        assertTrue(held.await(10, TimeUnit.SECONDS));
        assertFalse(lock.tryAcquire());
        assertFalse(lock.acquire(false, -1), "the spec's acquire(block=False)");
        assertTrue(lock.isLocked());
        assertFalse(lock.isHeldByCurrentThread());
        release.countDown();
        other.join(10_000);
        assertTrue(lock.tryAcquire(), "free again once the holder released it");
        lock.release();
    }

    @EachBackend
    void timedTryAcquireWaitsForItsTimeout(Backend backend) throws Exception {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = holder(lock, held, release);
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            assertFalse(lock.tryAcquire(300, TimeUnit.MILLISECONDS));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 300 && waitedMs < 1300, "waited " + waitedMs + " ms for a 300 ms timeout");
            start = System.nanoTime();
            assertFalse(lock.acquire(true, 0.2), "the spec's acquire(timeout=0.2)");
            waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 200 && waitedMs < 1200, "waited " + waitedMs + " ms for a 0.2 s timeout");
        } finally {
            release.countDown();
            other.join(10_000);
        }
    }

    /**
     * Another thread's {@code acquire()} blocks while the lock is held and returns only after the
     * release. Checked by order, not by time: the waiter must be seen parked inside
     * {@code acquire()} (or the test fails if it got the lock instead), and when its
     * {@code acquire()} returns it must see the flag set just before the release.
     */
    @EachBackend
    void aBlockedAcquireProceedsWhenTheHolderReleases(Backend backend) throws Exception {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        lock.acquire();
        AtomicBoolean released = new AtomicBoolean();
        CountDownLatch entering = new CountDownLatch(1);
        Thread[] waiterThread = new Thread[1];
        CompletableFuture<Boolean> waiter = onOtherThread(() -> {
            waiterThread[0] = Thread.currentThread();
            entering.countDown();
            lock.acquire();
            boolean afterRelease = released.get();
            lock.release();
            return afterRelease;
        });
        assertTrue(entering.await(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertFalse(waiter.isDone(), "the other thread got the lock while this one held it");
            Thread.State state = waiterThread[0].getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                break; // parked inside acquire(): the only thing it does after `entering`
            }
            assertTrue(System.nanoTime() < deadline, "the other thread never blocked in acquire(): " + state);
            Thread.onSpinWait();
        }
        released.set(true);
        lock.release();
        assertTrue(waiter.get(30, TimeUnit.SECONDS), "the other thread's acquire() returned before the release");
        assertFalse(lock.isLocked());
    }

    @EachBackend
    void releaseByANonOwnerThreadThrows(Backend backend) throws Exception {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        lock.acquire();
        CompletableFuture<Void> release = onOtherThread(() -> {
            lock.release();
            return null;
        });
        Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> release.get(5, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(lock.isHeldByCurrentThread(), "the owner still holds it");
        lock.release();
        assertFalse(lock.isLocked());
    }

    @EachBackend
    void tryWithResourcesHoldsAndReleases(Backend backend) throws Exception {
        Region r = Region.allocate(64);
        SharedLock lock = backend.newLock(r, 16);
        try (LockGuard held = lock.lock()) {
            assertFalse(held.previousOwnerDied());
            assertTrue(lock.isHeldByCurrentThread());
            assertEquals(ProcessLiveness.LOCAL.currentToken(), r.getInt(16 + SharedLock.OWNER_OFFSET),
                    "the owner token sits in the owner word, native order");
            assertFalse(onOtherThread(lock::tryAcquire).get(5, TimeUnit.SECONDS));
        }
        assertFalse(lock.isLocked());
        assertEquals(0, r.getInt(16 + SharedLock.OWNER_OFFSET));
        assertTrue(onOtherThread(() -> {
            boolean got = lock.tryAcquire();
            lock.release();
            return got;
        }).get(5, TimeUnit.SECONDS));
    }

    /** A plain (non-atomic) read-modify-write is exact only if the lock excludes. */
    @EachBackend
    @SuppressWarnings("try") // the guard is only there to release the lock
    void mutualExclusionOfAPlainCounter(Backend backend) throws InterruptedException {
        Region r = Region.allocate(64);
        SharedLock lock = backend.newLock(r, 0);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        long[] rounds = Concurrently.together(4, 20_000, 50, t -> {
            try (LockGuard held = lock.lock()) {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                r.putLong(32, r.getLong(32) + 1);
                inside.decrementAndGet();
            }
        });
        assertEquals(LongStream.of(rounds).sum(), r.getLong(32));
        assertEquals(1, maxInside.get(), "two threads were inside the lock at once");
        assertFalse(lock.isLocked());
    }

    /** Closing a guard twice releases once: the second close neither throws nor frees a later hold. */
    @EachBackend
    void closingAGuardTwiceReleasesOnce(Backend backend) throws Exception {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        LockGuard first = lock.lock();
        first.close();
        assertFalse(lock.isLocked());
        first.close();
        assertFalse(lock.isLocked(), "a second close of a released guard changes nothing");

        try (LockGuard second = lock.lock()) {
            first.close();
            assertTrue(lock.isHeldByCurrentThread(), "closing an old guard must not release a newer hold");
            assertFalse(first.previousOwnerDied());
            second.close(); // by hand, and again by try-with-resources
        }
        assertFalse(lock.isLocked());
        assertTrue(onOtherThread(() -> {
            boolean got = lock.tryAcquire();
            lock.release();
            return got;
        }).get(5, TimeUnit.SECONDS), "the lock is free for others after the double close");
    }

    /** The first close from a thread that does not hold the lock throws and keeps the hold for its holder. */
    @EachBackend
    void closingAnotherThreadsGuardThrowsAndKeepsTheHold(Backend backend) throws Exception {
        SharedLock lock = backend.newLock(Region.allocate(64), 0);
        LockGuard held = lock.lock();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> onOtherThread(() -> {
                    held.close();
                    return null;
                }).get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(lock.isHeldByCurrentThread());
        held.close();
        assertFalse(lock.isLocked());
    }
}
