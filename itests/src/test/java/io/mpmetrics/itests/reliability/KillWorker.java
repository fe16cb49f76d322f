package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.Summary;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The child side of {@link KilledWritersTest}: {@code KillWorker FILE BACKEND ID ACKFILE SEED USERLOCK}.
 * Attaches to the metrics file, prints {@code READY <token>}, waits for {@code GO}, then updates
 * its own counter, histogram, summary and gauge (acknowledging each update in its
 * {@link AckFile}), creates new label sets, takes the test's user lock, exemplar locks and
 * scrapes, until it is killed. Commands on stdin:
 * <ul>
 * <li>{@code QUIET} / {@code RESUME}: stop / restart everything that takes the directory, heap
 * or user lock or scrapes: label sets, exemplars, the user lock, scrapes (answers {@code QUIETED});</li>
 * <li>{@code HOLD dir|heap|user|stripe}: take that lock (or stripe 0 of its histogram series, as
 * an observation does) and keep it (answers {@code HELD kind}); for the user lock, leave the data
 * it guards half-updated, as a writer that dies mid-way would;</li>
 * <li>{@code SPRINT}: stop pausing between updates, so that a kill soon after most likely lands
 * inside one (between taking and freeing a stripe, between an update and its acknowledgement).</li>
 * </ul>
 */
public final class KillWorker {
    /** Histogram buckets of the test; the i-th observation of a worker is {@link #value(long)}. */
    static final double[] BUCKETS = {1, 2, 3, 4, 5};
    /** User-lock block: the lock, then two longs that are equal whenever the lock is free. */
    static final int USER_A = 16;
    static final int USER_B = 24;
    static final int USER_BLOCK = 64;

    private static volatile boolean go;
    private static volatile boolean quiet;
    private static volatile String hold;
    private static volatile boolean sprint;

    private KillWorker() {
    }

    /** The value of observation {@code i} (0-based): spread over every bucket, exact in binary. */
    static double value(long i) {
        return (i % 5) + 0.5;
    }

    /** The sum of the first {@code n} observations. */
    static double sumOf(long n) {
        long full = n / 5;
        double s = full * (0.5 + 1.5 + 2.5 + 3.5 + 4.5);
        for (long i = full * 5; i < n; i++) {
            s += value(i);
        }
        return s;
    }

    static Counter work(MetricsRegistry r) {
        return Counter.builder().name("work").help("Updates per worker").labelNames("worker").register(r);
    }

    static Histogram latency(MetricsRegistry r) {
        return Histogram.builder().name("latency_seconds").unit("seconds").help("Observations per worker")
                .buckets(BUCKETS).labelNames("worker").register(r);
    }

    static Summary sizes(MetricsRegistry r) {
        return Summary.builder().name("sizes").help("Summary per worker").labelNames("worker").register(r);
    }

    static Gauge level(MetricsRegistry r) {
        return Gauge.builder().name("level").help("Gauge per worker").labelNames("worker").register(r);
    }

    static Counter sets(MetricsRegistry r) {
        // The long campaign creates tens of thousands of label sets.
        return Counter.builder().name("sets").help("One series per label set a worker created")
                .labelNames("set").maxLabelSets(1_000_000).register(r);
    }

    public static void main(String[] args) throws Exception {
        Backend backend = Backends.named(args[1]);
        String id = args[2];
        long seed = Long.parseLong(args[4]);
        long userLockStart = Long.parseLong(args[5]);
        Heap heap = Heap.openExisting(Paths.get(args[0]), backend);
        MetricsRegistry registry = MetricsRegistry.of(heap);
        AckFile acks = AckFile.open(Paths.get(args[3]));
        Region user = heap.block(userLockStart, USER_BLOCK).deref();
        SharedLock userLock = backend.newLock(user, 0);
        SharedLock dirLock = Directory.openExisting(heap).lock();
        SharedLock heapLock = heap.lock();
        startCommandReader();
        System.out.println("READY " + heap.liveness().currentToken());
        System.out.flush();
        while (!go) {
            LockSupport.parkNanos(1_000_000);
        }

        Counter.Child work = work(registry).labelValues(id);
        Histogram.Child latency = latency(registry).labelValues(id);
        Summary.Child sizes = sizes(registry).labelValues(id);
        Gauge.Child level = level(registry).labelValues(id);
        Counter sets = sets(registry);
        System.out.println("STARTED");
        System.out.flush();

        SplittableRandom random = new SplittableRandom(seed);
        long counted = 0;
        long observed = 0;
        long summarized = 0;
        long gauged = 0;
        long created = 0;
        boolean quieted = false;
        String held = null;
        for (long i = 0; ; i++) {
            if (quiet != quieted) {
                quieted = quiet;
                if (quieted) {
                    System.out.println("QUIETED");
                    System.out.flush();
                }
            }
            String want = hold;
            if (want != null && held == null) {
                held = want;
                if (want.equals("stripe")) {
                    // As if killed inside an observation: stripe 0 of our histogram series taken, nothing written.
                    StripeHold.hold(heap, registry, "latency_seconds", List.of(id), 0, 0, 0);
                } else {
                    SharedLock lock = want.equals("dir") ? dirLock : want.equals("heap") ? heapLock : userLock;
                    lock.acquire();
                    if (want.equals("user")) {
                        repairIfTakenOver(userLock, user);
                        // Half of the guarded update: the test kills us before the other half.
                        user.putLong(USER_A, user.getLong(USER_A) + 1);
                    }
                }
                System.out.println("HELD " + want);
                System.out.flush();
            }
            boolean calm = quieted || held != null;
            int op = random.nextInt(10_000);
            if (op < 5_000) {
                if (op < 50 && !calm) {
                    // An exemplar may allocate its series' exemplar block: that takes the heap lock.
                    work.incWithExemplar(1, "trace_id", id + "-" + counted);
                } else {
                    work.inc();
                }
                acks.set(AckFile.COUNTER, ++counted);
            } else if (op < 8_000) {
                latency.observe(value(observed));
                acks.set(AckFile.HISTOGRAM, ++observed);
            } else if (op < 9_000) {
                sizes.observe(1);
                acks.set(AckFile.SUMMARY, ++summarized);
            } else if (op < 9_960) {
                level.inc();
                acks.set(AckFile.GAUGE, ++gauged);
            } else if (calm) {
                continue;
            } else if (op < 9_964) {
                sets.labelValues(id + "-" + created).inc();
                acks.set(AckFile.LABEL_SETS, ++created);
            } else if (op < 9_990) {
                try (LockGuard guard = userLock.lock()) {
                    repairIfTakenOver(userLock, user);
                    if (user.getLong(USER_A) != user.getLong(USER_B)) {
                        fail("user lock data half-updated although the lock was released normally");
                    }
                    user.putLong(USER_A, user.getLong(USER_A) + 1);
                    Thread.onSpinWait();
                    user.putLong(USER_B, user.getLong(USER_B) + 1);
                }
            } else if (op < 9_993) {
                for (MetricSnapshot m : registry.collect()) {
                    for (DataPoint p : m.dataPoints()) {
                        if (p instanceof DataPoint.HistogramPoint h) {
                            long total = 0;
                            for (long c : h.bucketCounts()) {
                                total += c;
                            }
                            if (total != h.count()) {
                                fail("inconsistent histogram " + h);
                            }
                        }
                    }
                }
            }
            if ((i & 31) == 0 && !sprint) {
                // Leave the two cores to the other workers, the test and the standby JVM.
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private static void repairIfTakenOver(SharedLock lock, Region user) {
        if (lock.previousOwnerDied()) {
            user.putLong(USER_B, user.getLong(USER_A));
            System.out.println("TAKEOVER user");
            System.out.flush();
        }
    }

    private static void fail(String why) {
        System.out.println("BROKEN " + why);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    private static void startCommandReader() {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("GO")) {
                        go = true;
                    } else if (line.equals("QUIET")) {
                        quiet = true;
                    } else if (line.equals("RESUME")) {
                        quiet = false;
                    } else if (line.equals("SPRINT")) {
                        sprint = true;
                    } else if (line.startsWith("HOLD ")) {
                        hold = line.substring(5);
                    }
                }
            } catch (Exception e) {
                // the test went away
            }
            // stdin closed: the test is gone; do not outlive it.
            Runtime.getRuntime().halt(0);
        }, "commands");
        t.setDaemon(true);
        t.start();
    }
}
