package io.mpmetrics.itests.metrics;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.Summary;
import io.mpmetrics.spi.Backends;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers killed (SIGKILL) in the middle of observing must not hang a scrape: afterwards every
 * scrape finishes in under 2 s and stays consistent, and the metric keeps working.
 */
class DeadWriterTest {
    private static final int SCRAPES = 20;
    private static final long MAX_SCRAPE_NANOS = TimeUnit.SECONDS.toNanos(2);

    @TempDir
    Path dir;

    /** One writer dies: it can be inside at most one stripe, so every scrape stays under 2 s. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void scrapesStayUnderTwoSecondsAndConsistentAfterAWriterDiesMidObservation(String backend) throws Exception {
        killWritersThenScrape(backend, 1, MAX_SCRAPE_NANOS);
    }

    /**
     * Two writers die, possibly inside two different stripes (of one series or two). A scrape
     * waits up to {@code ObservationStripes.STUCK_NANOS} (1 s) per stripe a dead writer holds,
     * one stripe after another, so the first scrape may take about 2 s: the bound grows with
     * the number of stripes hit, but it stays bounded.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle"})
    void scrapesStayBoundedAfterTwoWritersDie(String backend) throws Exception {
        killWritersThenScrape(backend, 2, 2 * TimeUnit.SECONDS.toNanos(1) + TimeUnit.MILLISECONDS.toNanos(1500));
    }

    private void killWritersThenScrape(String backend, int writerCount, long maxScrapeNanos) throws Exception {
        try (Heap heap = Heap.create(dir.resolve("dead.mpm"), Backends.named(backend), Heap.DEFAULT_MAP_SIZE);
             Children children = new Children()) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            Histogram h = MetricsChild.histogram(registry);
            Summary s = MetricsChild.summary(registry);
            List<ChildJvm> writers = new java.util.ArrayList<>();
            for (int i = 0; i < writerCount; i++) {
                writers.add(children.start("observe", heap.path(), backend, "-1"));
            }
            for (ChildJvm w : writers) {
                w.awaitLine("OBSERVING", 60, TimeUnit.SECONDS);
            }
            Thread.sleep(100);
            for (ChildJvm w : writers) {
                w.process().destroyForcibly();
            }
            for (ChildJvm w : writers) {
                assertThat(w.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            }

            List<MetricSnapshot> previous = null;
            long slowest = 0;
            for (int i = 0; i < SCRAPES; i++) {
                long start = System.nanoTime();
                List<MetricSnapshot> scrape = registry.collect();
                long took = System.nanoTime() - start;
                slowest = Math.max(slowest, took);
                assertThat(took).as("scrape %d took %d ms", i, took / 1_000_000).isLessThan(maxScrapeNanos);
                checkAfterDeath(scrape, writerCount);
                if (previous != null) {
                    // Nobody writes any more: every scrape reports the same.
                    assertThat(scrape).as("scrape %d", i).isEqualTo(previous);
                }
                previous = scrape;
            }
            System.out.printf("%s: slowest of %d scrapes after killing %d writer(s): %d ms%n", backend, SCRAPES,
                    writerCount, slowest / 1_000_000);

            // The series keep working: new observations are counted exactly and scrapes stay fast.
            DataPoint.HistogramPoint before = Scrapes.point(previous, "h");
            DataPoint.SummaryPoint summaryBefore = Scrapes.point(previous, "s");
            for (int i = 0; i < 10; i++) {
                h.observe(2);
                s.observe(1);
            }
            long start = System.nanoTime();
            List<MetricSnapshot> after = registry.collect();
            assertThat(System.nanoTime() - start).isLessThan(MAX_SCRAPE_NANOS);
            DataPoint.HistogramPoint h2 = Scrapes.point(after, "h");
            assertThat(h2.count()).isEqualTo(before.count() + 10);
            assertThat(h2.bucketCounts()[1]).isEqualTo(before.bucketCounts()[1] + 10);
            assertThat(h2.sum()).isEqualTo(before.sum() + 20);
            assertThat(Scrapes.<DataPoint.SummaryPoint>point(after, "s").count()).isEqualTo(summaryBefore.count() + 10);
            checkAfterDeath(after, writerCount);
        }
    }

    /**
     * What a scrape reports once writers died mid-observation: histogram count == bucket
     * total; the sum may lack the value of an observation a dead writer counted in a bucket
     * but never added to the sum (at most one per dead writer, each at most the top bound 4).
     */
    private static void checkAfterDeath(List<MetricSnapshot> scrape, int deadWriters) {
        MetricSnapshot hm = Scrapes.metric(scrape, "h");
        assertThat(hm.dataPoints()).as("histogram series reported").hasSize(1);
        DataPoint.HistogramPoint h = (DataPoint.HistogramPoint) hm.dataPoints().get(0);
        assertThat(h.count()).as("count == bucket total in %s", h).isEqualTo(Scrapes.total(h.bucketCounts()));
        assertThat(h.count()).isPositive();
        assertThat(h.bucketCounts()[3]).isZero();
        double onBounds = Scrapes.sumOnBounds(hm, h);
        assertThat(onBounds - h.sum()).as("sum of %s", h).isBetween(0.0, 4.0 * deadWriters);
        DataPoint.SummaryPoint s = Scrapes.point(scrape, "s");
        assertThat(s.sum() - s.count()).as("summary %s", s).isBetween(-1.0 * deadWriters, 1.0 * deadWriters);
    }
}
