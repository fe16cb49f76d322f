package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 7: under a sustained mixed load nothing is lost and every scrape is consistent. Four
 * {@link SoakWorker} JVMs (varhandle and unsafe, one file) update, add label sets and scrape
 * every 10 ms; this test scrapes every 10 ms too and checks every scrape: histogram count ==
 * bucket total, sums exactly those of the observations counted, nothing going down, and each
 * worker's values between what it had acknowledged before and after the scrape. At the end each
 * value equals the acknowledged count exactly. {@link Campaign#soakSeconds()} long: 20 s in CI,
 * 10 minutes with {@code -Plong}.
 */
class SoakTest {
    static final int WORKERS = 4;
    static final long SCRAPE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @TempDir
    Path dir;

    @Test
    void fourProcessesMixedLoadConsistentEveryScrape() throws Exception {
        Path file = dir.resolve("soak.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get("varhandle"), Heap.DEFAULT_MAP_SIZE)) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            KillWorker.work(registry);
            KillWorker.latency(registry);
            KillWorker.sizes(registry);
            KillWorker.level(registry);
            KillWorker.sets(registry);
            SoakWorker.phase(registry);
        }
        Random random = new Random(Campaign.seed());
        List<ChildJvm> workers = new ArrayList<>();
        List<AckFile> acks = new ArrayList<>();
        Map<String, Long> figures = new LinkedHashMap<>();
        try {
            for (int i = 0; i < WORKERS; i++) {
                Path ack = dir.resolve("w" + i + ".ack");
                acks.add(AckFile.open(ack));
                workers.add(ChildJvm.builder(SoakWorker.class).jvmOptions("-Xmx64m")
                        .args(file.toString(), i % 2 == 0 ? "varhandle" : "unsafe", "w" + i, ack.toString(),
                                Long.toString(random.nextLong()))
                        .start());
            }
            for (ChildJvm w : workers) {
                w.awaitLine("STARTED", 60, TimeUnit.SECONDS);
            }
            long scrapes = 0;
            long maxScrapeNanos = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Campaign.soakSeconds());
            Map<String, double[]> last = new HashMap<>();
            try (Heap heap = Heap.openExisting(file, TestBackends.get("varhandle"))) {
                MetricsRegistry registry = MetricsRegistry.of(heap);
                long next = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    long[][] before = snapshot(acks);
                    long t0 = System.nanoTime();
                    List<MetricSnapshot> scrape = registry.collect();
                    maxScrapeNanos = Math.max(maxScrapeNanos, System.nanoTime() - t0);
                    long[][] after = snapshot(acks);
                    String violation = SoakWorker.check(scrape, last, "test");
                    assertThat(violation).as("scrape %d", scrapes).isNull();
                    checkAgainstAcks(scrape, before, after, false);
                    scrapes++;
                    if ((scrapes & 63) == 0) {
                        for (ChildJvm w : workers) {
                            assertThat(w.process().isAlive()).as("worker alive: %s %s", w.stdout(), w.stderr())
                                    .isTrue();
                        }
                    }
                    next += SCRAPE_EVERY_NANOS;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } else {
                        next = System.nanoTime();
                    }
                }
                long workerScrapes = 0;
                for (ChildJvm w : workers) {
                    w.send("STOP");
                    workerScrapes += Long.parseLong(w.awaitLine("STOPPED", 60, TimeUnit.SECONDS).split(" ")[1]);
                    w.awaitSuccess(60, TimeUnit.SECONDS);
                }
                // Quiet now: every value is exactly what its worker acknowledged.
                long[][] done = snapshot(acks);
                checkAgainstAcks(registry.collect(), done, done, true);
                long updates = 0;
                for (long[] a : done) {
                    for (long v : a) {
                        updates += v;
                    }
                }
                figures.put("seconds", (long) Campaign.soakSeconds());
                figures.put("processes", (long) WORKERS);
                figures.put("testScrapes", scrapes);
                figures.put("workerScrapes", workerScrapes);
                figures.put("maxScrapeMillis", TimeUnit.NANOSECONDS.toMillis(maxScrapeNanos));
                figures.put("acknowledgedUpdates", updates);
                figures.put("inconsistentScrapes", 0L);
                figures.put("lostUpdates", 0L);
            }
            for (ChildJvm w : workers) {
                assertThat(w.stdout()).noneMatch(l -> l.startsWith("BROKEN"));
            }
        } finally {
            for (ChildJvm w : workers) {
                w.close();
            }
            for (AckFile a : acks) {
                a.close();
            }
        }
        Campaign.report("soak", figures);
    }

    private static long[][] snapshot(List<AckFile> acks) {
        long[][] out = new long[acks.size()][AckFile.SLOTS];
        for (int w = 0; w < acks.size(); w++) {
            for (int k = 0; k < AckFile.SLOTS; k++) {
                out[w][k] = acks.get(w).get(k);
            }
        }
        return out;
    }

    /** Each worker's values lie between its acknowledgements before and after the scrape (+1 in flight). */
    private static void checkAgainstAcks(List<MetricSnapshot> scrape, long[][] lo, long[][] hi, boolean exact) {
        Map<String, MetricSnapshot> byName = new HashMap<>();
        for (MetricSnapshot m : scrape) {
            byName.put(m.name(), m);
        }
        int slack = exact ? 0 : 1;
        for (int w = 0; w < lo.length; w++) {
            String id = "w" + w;
            within(id + " counter", ((DataPoint.CounterPoint) point(byName, "work", id)).value(),
                    lo[w][AckFile.COUNTER], hi[w][AckFile.COUNTER] + slack);
            within(id + " histogram", ((DataPoint.HistogramPoint) point(byName, "latency_seconds", id)).count(),
                    lo[w][AckFile.HISTOGRAM], hi[w][AckFile.HISTOGRAM] + slack);
            within(id + " summary", ((DataPoint.SummaryPoint) point(byName, "sizes", id)).count(),
                    lo[w][AckFile.SUMMARY], hi[w][AckFile.SUMMARY] + slack);
            within(id + " gauge", ((DataPoint.GaugePoint) point(byName, "level", id)).value(),
                    lo[w][AckFile.GAUGE], hi[w][AckFile.GAUGE] + slack);
            long sets = byName.get("sets").dataPoints().stream()
                    .filter(p -> p.labelValues().get(0).startsWith(id + "-")).count();
            within(id + " label sets", sets, lo[w][AckFile.LABEL_SETS], hi[w][AckFile.LABEL_SETS] + slack);
        }
    }

    private static void within(String what, double value, long min, long max) {
        assertThat(value).as("%s (acknowledged %d..%d)", what, min, max).isBetween((double) min, (double) max);
    }

    private static DataPoint point(Map<String, MetricSnapshot> byName, String metric, String worker) {
        for (DataPoint p : byName.get(metric).dataPoints()) {
            if (p.labelValues().equals(List.of(worker))) {
                return p;
            }
        }
        throw new AssertionError(metric + "{" + worker + "} missing from a scrape");
    }
}
