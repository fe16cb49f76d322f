package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backends;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * The child side of {@link CorruptFilesTest}, run with {@code -Dmpmetrics.backend=NAME} (or
 * without, to open each file with the backend its header asks for) and a small heap, so that a
 * crash, a hang or an out-of-memory error cannot take the test JVM down:
 * <ul>
 * <li>{@code FuzzMain mutate WORKDIR SEED THREADS GROUP...} where each GROUP is
 * {@code NAME:COUNT:BASE[,BASE...]}: makes COUNT damaged copies of the base files (copy
 * {@code i} from base {@code i % bases} with the seed {@code SEED, NAME, i}: every backend's
 * child makes the same copies) and opens, scrapes and writes to each;</li>
 * <li>{@code FuzzMain foreign WORKDIR PATH...}: opens each path (not a file of ours) every way.</li>
 * </ul>
 * Prints {@code BAD ...} for an undocumented outcome, {@code HANG ...} (and exits 4) if one
 * case takes over 5 s, and a {@code SUMMARY} line with the outcome counts.
 */
public final class FuzzMain {
    static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final Map<String, Long> outcomes = new TreeMap<>();
    private static final java.util.Set<String> samples = new java.util.HashSet<>();
    private static final AtomicLong bad = new AtomicLong();
    private static final AtomicLong slowestNanos = new AtomicLong();
    private static AtomicReferenceArray<String> current;
    private static AtomicLongArray startedAt;

    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        // Forced (-Dmpmetrics.backend=NAME), or "auto": each file is opened with the best backend
        // of the layout family its header names.
        String forced = Backends.forcedName();
        String backend = forced == null ? "auto" : Backends.select().name();
        if (forced != null && !forced.equals(backend)) {
            throw new IllegalStateException("forced " + forced + " but selected " + backend);
        }
        Path work = Paths.get(args[1]);
        warmUp(work);
        long fdsBefore = openDescriptors();
        if (args[0].equals("mutate")) {
            long seed = Long.parseLong(args[2]);
            int threads = Integer.parseInt(args[3]);
            startWatchdog(threads);
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Path copy = work.resolve(backend + "-t" + t + ".mpm");
                Thread th = new Thread(() -> {
                    try {
                        for (int g = 4; g < args.length; g++) {
                            runGroup(args[g], seed, thread, threads, copy);
                        }
                    } catch (Throwable e) {
                        // Not an outcome of a case: the harness itself failed.
                        reportBad("fuzz thread " + thread, e);
                        Runtime.getRuntime().halt(2);
                    }
                }, "fuzz-" + t);
                running.add(th);
                th.start();
            }
            for (Thread th : running) {
                th.join();
            }
        } else {
            startWatchdog(1);
            for (int i = 2; i < args.length; i++) {
                Path path = Paths.get(args[i]);
                System.out.println("FOREIGN " + path.getFileName() + " reader=" + attempt(0, path, "foreign " + path, true));
            }
        }
        long fdsAfter = openDescriptors();
        StringBuilder summary = new StringBuilder("SUMMARY backend=" + backend + " bad=" + bad.get()
                + " slowestMillis=" + TimeUnit.NANOSECONDS.toMillis(slowestNanos.get()) + " fdsBefore=" + fdsBefore
                + " fdsAfter=" + fdsAfter);
        synchronized (outcomes) {
            outcomes.forEach((k, v) -> summary.append(' ').append(k).append('=').append(v));
        }
        System.out.println(summary);
        System.out.flush();
    }

    private static void runGroup(String group, long seed, int thread, int threads, Path copy) throws IOException {
        String[] parts = group.split(":", 3);
        String name = parts[0];
        int count = Integer.parseInt(parts[1]);
        String[] bases = parts[2].split(",");
        List<Mutator> mutators = new ArrayList<>();
        for (String base : bases) {
            byte[] valid = Files.readAllBytes(Paths.get(base));
            mutators.add(new Mutator(valid, FileRegions.of(valid)));
        }
        for (int i = thread; i < count; i += threads) {
            Random random = new Random(seed * 1_000_003L + name.hashCode() * 65_537L + i);
            Mutator.Mutation m = mutators.get(i % mutators.size()).mutate(random);
            Files.deleteIfExists(copy);
            Files.write(copy, m.bytes());
            attempt(thread, copy, name + " #" + i + " (" + m.description() + ")", false);
            count("copies", 1);
        }
    }

    /** Opens {@code file} and scrapes it, then registers and updates a metric in it; classifies what happened. */
    private static String attempt(int thread, Path file, String description, boolean foreign) {
        current.set(thread, description);
        long start = System.nanoTime();
        startedAt.set(thread, start);
        try {
            String outcome;
            try (MetricsRegistry registry = MetricsRegistry.openExisting(file)) {
                scrape(registry);
                Counter probe = Counter.builder().name("fuzz_probe").help("Written by the fuzzer").register(registry);
                probe.inc();
                scrape(registry);
                outcome = "result";
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Throwable e) {
                outcome = Outcomes.classify(e, file);
                if (outcome == null) {
                    reportBad(description, e);
                    outcome = "UNDOCUMENTED";
                } else {
                    sample(outcome, e);
                }
            }
            count(outcome, 1);
            if (foreign) {
                // A writer that means to create the file: must refuse whatever is not a plain file of ours.
                String c;
                try (Heap heap = Heap.openOrCreate(file)) {
                    c = "result";
                } catch (Throwable e) {
                    c = Outcomes.classify(e, file);
                    if (c == null) {
                        reportBad(description + " (openOrCreate)", e);
                        c = "UNDOCUMENTED";
                    } else {
                        sample(c, e);
                    }
                }
                count("foreign.openOrCreate." + c, 1);
                outcome += " writer=" + c;
            }
            return outcome;
        } catch (OutOfMemoryError e) {
            count("OutOfMemoryError", 1);
            reportBad(description, e);
            return "OutOfMemoryError";
        } finally {
            long took = System.nanoTime() - start;
            slowestNanos.accumulateAndGet(took, Math::max);
            startedAt.set(thread, 0);
        }
    }

    private static void scrape(MetricsRegistry registry) {
        for (MetricSnapshot m : registry.collect()) {
            for (DataPoint p : m.dataPoints()) {
                if (p instanceof DataPoint.HistogramPoint h) {
                    long total = 0;
                    for (long c : h.bucketCounts()) {
                        total += c;
                    }
                    if (total != h.count()) {
                        throw new AssertionError("inconsistent histogram from a damaged file: " + h);
                    }
                }
            }
        }
    }

    /** Prints the first few messages of each outcome (RELIABILITY.md quotes them). */
    private static void sample(String outcome, Throwable e) {
        String message = e.getMessage() + (e.getCause() != null ? " <- " + e.getCause() : "");
        String key = outcome + ":" + message.replaceAll("/\\S+\\.mpm", "FILE").replaceAll("0x[0-9a-f]+", "H")
                .replaceAll("'[^']*'", "Q").replaceAll("\\[[^\\]]*\\]", "L").replaceAll("-?[0-9]+", "N");
        synchronized (outcomes) {
            if (samples.add(key) && samples.size() < 400) {
                System.out.println("SAMPLE " + outcome + " " + e.getClass().getName() + ": " + message);
            }
        }
    }

    private static void count(String outcome, long n) {
        synchronized (outcomes) {
            outcomes.merge(outcome, n, Long::sum);
        }
    }

    private static void reportBad(String description, Throwable e) {
        bad.incrementAndGet();
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        synchronized (FuzzMain.class) {
            System.out.println("BAD " + description + ": " + trace.toString().replace('\n', '|'));
            System.out.flush();
        }
    }

    private static void startWatchdog(int threads) {
        current = new AtomicReferenceArray<>(threads);
        startedAt = new AtomicLongArray(threads);
        Thread watchdog = new Thread(() -> {
            while (true) {
                for (int t = 0; t < threads; t++) {
                    long s = startedAt.get(t);
                    if (s != 0 && System.nanoTime() - s > HANG_NANOS) {
                        StringBuilder stacks = new StringBuilder();
                        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                            if (e.getKey().getName().equals("fuzz-" + t) || e.getKey().getName().equals("main")) {
                                stacks.append(e.getKey().getName()).append(':');
                                for (StackTraceElement el : e.getValue()) {
                                    stacks.append(" at ").append(el).append('|');
                                }
                            }
                        }
                        System.out.println("HANG " + current.get(t) + ": " + stacks);
                        System.out.flush();
                        Runtime.getRuntime().halt(4);
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Loads every class a case may need (backends, metrics, jar files opened by class loading)
     * so that descriptors counted afterwards are the ones cases leak.
     */
    private static void warmUp(Path work) throws IOException {
        Backends.discover();
        Path file = work.resolve("warm-up.mpm");
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(file)) {
            CorruptFilesTest.populate(registry);
            scrape(registry);
        }
        try (MetricsRegistry registry = MetricsRegistry.openExisting(file)) {
            scrape(registry);
        }
        Files.delete(file);
    }

    private static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
