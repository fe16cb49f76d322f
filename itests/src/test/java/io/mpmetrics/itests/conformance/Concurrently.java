package io.mpmetrics.itests.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
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

    private Concurrently() {
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
