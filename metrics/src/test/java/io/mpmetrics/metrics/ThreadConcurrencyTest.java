package io.mpmetrics.metrics;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency cases with threads of one process (the child-JVM versions are in the itests
 * module): exact totals, consistent histogram and summary scrapes during observation, and a
 * state set that always has exactly one valid active state.
 */
class ThreadConcurrencyTest {
    private static final int THREADS = 3;
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(600);

    @TempDir
    Path dir;

    /** Runs {@code THREADS} copies of {@code body} started together; returns their results. */
    private static <T> List<T> together(Callable<T> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return body.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @EachBackend
    void counterTotalsAreExact(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter plain = withStripes("1", () -> Counter.builder().name("plain").help("").register(t.registry));
            Counter labelled = Counter.builder().name("labelled").help("").labelNames("l").register(t.registry);
            int n = 20_000;
            together(() -> {
                for (int i = 0; i < n; i++) {
                    plain.inc();
                    plain.inc(0.5);
                    // Every thread creates and updates the same label sets.
                    labelled.labelValues(Integer.toString(i % 4)).inc(0.25);
                }
                return null;
            });
            assertThat(plain.get()).isEqualTo(THREADS * n * 1.5);
            MetricSnapshot m = t.metric("labelled");
            assertThat(m.dataPoints()).hasSize(4);
            for (DataPoint p : m.dataPoints()) {
                assertThat(((DataPoint.CounterPoint) p).value()).as("%s", p.labelValues())
                        .isEqualTo(THREADS * n / 4 * 0.25);
            }
        }
    }

    @EachBackend
    void threadsCreatingTheSameLabelSetsShareOneSeriesEach(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("c").help("").labelNames("k", "v").register(t.registry);
            int sets = 200;
            int rounds = 5;
            together(() -> {
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < sets; i++) {
                        // Each thread walks the sets from another starting point so that
                        // creations race with lookups and table copies.
                        int j = (i + r * 37 + (int) Thread.currentThread().getId() * 53) % sets;
                        c.labelValues("k", Integer.toString(j)).inc();
                    }
                }
                return null;
            });
            MetricSnapshot m = t.metric("c");
            assertThat(m.dataPoints()).hasSize(sets);
            for (DataPoint p : m.dataPoints()) {
                assertThat(((DataPoint.CounterPoint) p).value()).as("%s", p.labelValues())
                        .isEqualTo((double) THREADS * rounds);
            }
        }
    }

    @EachBackend
    void gaugeTotalsAreExact(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Gauge g = Gauge.builder().name("g").help("").register(t.registry);
            Gauge inProgress = Gauge.builder().name("in_progress").help("").register(t.registry);
            int n = 20_000;
            together(() -> {
                for (int i = 0; i < n; i++) {
                    g.inc();
                    g.inc(2);
                    g.dec(0.5);
                    try (Gauge.InProgress p = inProgress.trackInProgress()) {
                        g.dec();
                    }
                }
                return null;
            });
            assertThat(g.get()).isEqualTo(THREADS * n * 1.5);
            assertThat(inProgress.get()).isZero();
        }
    }

    /** What an observer thread did: how many of each value it observed. */
    private record Observed(long ones, long twos, long fours) {
    }

    @EachBackend
    void everyScrapeIsConsistentWhileThreadsObserve(String backend) throws Exception {
        scrapesWhileThreadsObserve(backend, null);
    }

    /** All writers share one stripe: they take turns through its sequence word. */
    @EachBackend
    void everyScrapeIsConsistentWhileThreadsObserveThroughOneStripe(String backend) throws Exception {
        scrapesWhileThreadsObserve(backend, "1");
    }

    /** Registers {@code body}'s series with {@code -Dmpmetrics.stripes=stripes} (null: the default). */
    static <T> T withStripes(String stripes, Callable<T> body) throws Exception {
        String before = System.getProperty(io.mpmetrics.metrics.internal.Stripes.PROPERTY);
        if (stripes != null) {
            System.setProperty(io.mpmetrics.metrics.internal.Stripes.PROPERTY, stripes);
        }
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(io.mpmetrics.metrics.internal.Stripes.PROPERTY);
            } else {
                System.setProperty(io.mpmetrics.metrics.internal.Stripes.PROPERTY, before);
            }
        }
    }

    private void scrapesWhileThreadsObserve(String backend, String stripes) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Histogram h = withStripes(stripes,
                    () -> Histogram.builder().name("h").help("").buckets(1, 2, 4).register(t.registry));
            Summary s = withStripes(stripes, () -> Summary.builder().name("s").help("").register(t.registry));
            if (stripes != null) {
                assertThat(h.entry.series.values().iterator().next().size).as("series with %s stripe(s)", stripes)
                        .isEqualTo(io.mpmetrics.metrics.internal.Series.size(io.mpmetrics.metrics.internal.Series.HISTOGRAM,
                                t.heap.layoutFamily(), 4, Integer.parseInt(stripes)));
            }
            double[] values = {1, 2, 4};
            ScrapeChecker checker = new ScrapeChecker(t.registry);
            Thread scraper = new Thread(checker, "scraper");
            scraper.start();
            List<Observed> observed;
            try {
                observed = together(() -> {
                    long[] counts = new long[3];
                    long end = System.nanoTime() + RUN_NANOS;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() - end < 0) {
                        for (int i = 0; i < 64; i++) {
                            int b = random.nextInt(3);
                            h.observe(values[b]);
                            s.observe(1);
                            counts[b]++;
                        }
                    }
                    return new Observed(counts[0], counts[1], counts[2]);
                });
            } finally {
                checker.stop();
                scraper.join(30_000);
            }
            checker.rethrow();
            long ones = observed.stream().mapToLong(Observed::ones).sum();
            long twos = observed.stream().mapToLong(Observed::twos).sum();
            long fours = observed.stream().mapToLong(Observed::fours).sum();
            DataPoint.HistogramPoint p = t.point("h");
            assertThat(p.bucketCounts()).containsExactly(ones, twos, fours, 0);
            assertThat(p.count()).isEqualTo(ones + twos + fours);
            assertThat(p.sum()).isEqualTo(ones + 2.0 * twos + 4.0 * fours);
            DataPoint.SummaryPoint sp = t.point("s");
            assertThat(sp.count()).isEqualTo(p.count());
            assertThat(sp.sum()).isEqualTo((double) p.count());
            // The scraper really ran while the threads observed.
            assertThat(checker.scrapesDuringWrites()).isGreaterThan(2);
        }
    }

    @EachBackend
    void aStateSetAlwaysHasExactlyOneValidState(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            StateSet e = StateSet.builder().name("e").help("").states("default", "b", "c").register(t.registry);
            e.state("b");
            ScrapeChecker checker = new ScrapeChecker(t.registry);
            Thread scraper = new Thread(checker, "scraper");
            scraper.start();
            try {
                together(() -> {
                    long end = System.nanoTime() + RUN_NANOS;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() - end < 0) {
                        e.state(random.nextBoolean() ? "b" : "c");
                        String now = e.get();
                        assertThat(now).isIn("b", "c");
                    }
                    return null;
                });
            } finally {
                checker.stop();
                scraper.join(30_000);
            }
            checker.rethrow();
            assertThat(checker.stateScrapes()).isGreaterThan(2);
        }
    }

    /**
     * Scrapes in a loop and checks each scrape: histogram count == bucket total, +Inf empty and
     * sum == Σ count × bound (every observation equals its bucket's bound); summary count ==
     * sum (every observation is 1); state sets only ever in a state other than the default.
     */
    static final class ScrapeChecker implements Runnable {
        private final MetricsRegistry registry;
        private volatile boolean stop;
        private volatile Throwable failure;
        private int scrapesDuringWrites;
        private int stateScrapes;

        ScrapeChecker(MetricsRegistry registry) {
            this.registry = registry;
        }

        void stop() {
            stop = true;
        }

        int scrapesDuringWrites() {
            return scrapesDuringWrites;
        }

        int stateScrapes() {
            return stateScrapes;
        }

        void rethrow() {
            if (failure != null) {
                throw new AssertionError("a scrape was inconsistent", failure);
            }
        }

        @Override
        public void run() {
            long lastCount = -1;
            try {
                while (!stop) {
                    for (MetricSnapshot m : registry.collect()) {
                        for (DataPoint p : m.dataPoints()) {
                            check(m, p);
                        }
                        if (m.type() == MetricType.HISTOGRAM && !m.dataPoints().isEmpty()) {
                            long count = ((DataPoint.HistogramPoint) m.dataPoints().get(0)).count();
                            if (count > 0 && count != lastCount) {
                                scrapesDuringWrites++;
                            }
                            assertThat(count).as("count never goes down").isGreaterThanOrEqualTo(lastCount);
                            lastCount = count;
                        }
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void check(MetricSnapshot m, DataPoint p) {
            if (p instanceof DataPoint.HistogramPoint h) {
                long[] buckets = h.bucketCounts();
                List<Double> bounds = m.definition().buckets();
                long total = 0;
                double expectedSum = 0;
                for (int i = 0; i < buckets.length; i++) {
                    total += buckets[i];
                    if (buckets[i] != 0) {
                        expectedSum += buckets[i] * bounds.get(i);
                    }
                }
                assertThat(h.count()).as("count == bucket total in %s", h).isEqualTo(total);
                assertThat(buckets[buckets.length - 1]).as("+Inf bucket in %s", h).isZero();
                assertThat(h.sum()).as("sum of the same observations in %s", h).isEqualTo(expectedSum);
            } else if (p instanceof DataPoint.SummaryPoint s) {
                assertThat(s.sum()).as("summary sum == count in %s", s).isEqualTo((double) s.count());
            } else if (p instanceof DataPoint.StateSetPoint s) {
                assertThat(s.activeState()).as("active state of %s", m.name()).isBetween(1, 2);
                stateScrapes++;
            }
        }
    }
}
