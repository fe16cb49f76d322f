package io.mpmetrics.itests.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a body on several threads released together, waits for all of them and rethrows the
 * first failure (an assertion in a worker thread fails the test).
 *
 * <pre>{@code
 * Concurrently.run(4, thread -> { for (int i = 0; i < 1000; i++) counter.add(1); });
 * }</pre>
 */
final class Concurrently {
    /** A worker body; {@code thread} is 0..threads-1. */
    interface Body {
        void run(int thread) throws Exception;
    }

    /** One round of a worker; {@code thread} is 0..threads-1. */
    interface Round {
        void run(int thread) throws Exception;
    }

    private static final long LIMIT_SECONDS = 60;

    private Concurrently() {
    }

    /**
     * Repeats {@code round} on every thread until each thread has done at least
     * {@code minRounds} and all threads have been running together for {@code minMillis}
     * (so that they really interleave, even when the JIT makes {@code minRounds} take
     * microseconds on a busy machine). Returns how many rounds each thread did.
     */
    static long[] together(int threads, long minRounds, long minMillis, Round round) throws InterruptedException {
        long[] rounds = new long[threads];
        AtomicInteger reachedMin = new AtomicInteger();
        AtomicLong lastStart = new AtomicLong(Long.MIN_VALUE);
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        long minNanos = TimeUnit.MILLISECONDS.toNanos(minMillis);
        run(threads, t -> {
            long start = System.nanoTime();
            lastStart.accumulateAndGet(start, Math::max);
            started.incrementAndGet();
            long n = 0;
            boolean finished = false;
            try {
                while (!stop.get()) {
                    round.run(t);
                    if (++n == minRounds) {
                        reachedMin.incrementAndGet();
                    }
                    if ((n & 1023) == 0) {
                        long now = System.nanoTime();
                        if (reachedMin.get() == threads && started.get() == threads
                                && now - lastStart.get() >= minNanos) {
                            stop.set(true);
                        } else if (now - start > TimeUnit.SECONDS.toNanos(LIMIT_SECONDS)) {
                            throw new AssertionError("thread " + t + " did " + n + " rounds in " + LIMIT_SECONDS
                                    + " s; " + reachedMin.get() + " of " + threads + " threads reached " + minRounds);
                        }
                    }
                }
                finished = true;
            } finally {
                if (!finished) {
                    stop.set(true); // one worker failed: the others would wait for it forever
                }
            }
            rounds[t] = n;
        });
        return rounds;
    }

    static void run(int threads, Body body) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    body.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "conformance-worker-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(120));
            if (worker.isAlive()) {
                throw new AssertionError(worker.getName() + " did not finish within 120 s");
            }
        }
        Throwable e = failure.get();
        if (e instanceof Error) {
            throw (Error) e;
        }
        if (e != null) {
            throw new AssertionError("worker failed", e);
        }
    }
}
