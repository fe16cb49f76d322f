package io.mpmetrics.itests.metrics;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.internal.Stripes;
import io.mpmetrics.spi.Backends;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency cases with child JVMs sharing one file (the thread versions are in the
 * metrics module): exact counter and gauge totals, consistent histogram and summary scrapes
 * while children observe, and a state set with exactly one valid state while children flip it.
 *
 * <p>A parameter is a comma-separated list of the children's backends; the parent uses the
 * first. "varhandle,unsafe" mixes the two lock-free backends on one file.
 */
class MultiProcessMetricsTest {
    private static final long COUNT = 20_000;
    private static final long RUN_MILLIS = 1200;

    @TempDir
    Path dir;

    private static List<String> childBackends(String spec, int n) {
        List<String> names = Arrays.asList(spec.split(","));
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> names.get(i % names.size())).toList();
    }

    private Heap createHeap(String spec) throws Exception {
        String parent = spec.split(",")[0];
        return Heap.create(dir.resolve("metrics.mpm"), Backends.named(parent), Heap.DEFAULT_MAP_SIZE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle,unsafe", "locking"})
    void counterAndGaugeTotalsAreExact(String backends) throws Exception {
        try (Heap heap = createHeap(backends); Children children = new Children()) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            Counter work = MetricsChild.work(registry);
            Counter halves = MetricsChild.halves(registry);
            Gauge level = MetricsChild.level(registry);
            int processes = 3;
            List<ChildJvm> group = children.startTogether("count", heap.path(), childBackends(backends, processes),
                    Long.toString(COUNT));
            Children.awaitAll(group);
            long n = processes * COUNT;
            assertThat(work.get()).isEqualTo((double) n);
            assertThat(halves.get()).isEqualTo(n * 0.5);
            assertThat(level.get()).isEqualTo(n * 0.5);
            // Every child made the same four label sets: one series each, with every increment.
            List<MetricSnapshot> scrape = registry.collect();
            MetricSnapshot shared = Scrapes.metric(scrape, "shared");
            assertThat(shared.dataPoints()).hasSize(4);
            for (DataPoint p : shared.dataPoints()) {
                assertThat(((DataPoint.CounterPoint) p).value()).as("%s", p.labelValues()).isEqualTo(n / 4 * 0.25);
            }
            assertThat(Scrapes.<DataPoint.CounterPoint>point(scrape, "work").value()).isEqualTo((double) n);
        }
    }

    /**
     * Children append label sets to the shared directory at the same time (several directory
     * segments' worth) while the parent keeps scraping: every scrape reads whole records, the
     * series only ever grow, and in the end every label set is there once with its count.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle,unsafe", "locking"})
    void childrenAddLabelSetsWhileTheParentScrapes(String backends) throws Exception {
        try (Heap heap = createHeap(backends); Children children = new Children()) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            MetricsChild.byLabel(registry);
            int perChild = 150;
            List<String> names = childBackends(backends, 3);
            List<ChildJvm> group = new java.util.ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                group.add(children.start("labelsets", heap.path(), names.get(i), Integer.toString(perChild), "c" + i));
            }
            for (ChildJvm child : group) {
                child.awaitLine("READY", 60, TimeUnit.SECONDS);
            }
            for (ChildJvm child : group) {
                child.send("GO");
            }
            int last = 0;
            int grew = 0;
            do {
                int now = Scrapes.metric(registry.collect(), "by_label").dataPoints().size();
                assertThat(now).as("series never disappear").isGreaterThanOrEqualTo(last);
                if (now > last) {
                    grew++;
                }
                last = now;
            } while (Children.anyAlive(group));
            Children.awaitAll(group);
            MetricSnapshot m = Scrapes.metric(registry.collect(), "by_label");
            assertThat(m.dataPoints()).hasSize(3 * perChild);
            java.util.Set<List<String>> distinct = new java.util.HashSet<>();
            for (DataPoint p : m.dataPoints()) {
                assertThat(((DataPoint.CounterPoint) p).value()).as("%s", p.labelValues().get(0)).isEqualTo(1.0);
                distinct.add(p.labelValues());
            }
            assertThat(distinct).hasSize(3 * perChild);
            // A registry opened afterwards reads the whole directory too.
            try (MetricsRegistry fresh = MetricsRegistry.of(heap)) {
                assertThat(fresh.seriesCounts()).containsEntry("by_label", 3 * perChild);
            }
            assertThat(grew).as("scrapes that saw new label sets").isGreaterThan(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle,unsafe", "locking"})
    void everyScrapeIsConsistentWhileChildrenObserve(String backends) throws Exception {
        scrapesWhileChildrenObserve(backends, null);
    }

    /** The parent creates the series with one stripe: every child's observations go through one sequence word. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle,unsafe", "locking"})
    void everyScrapeIsConsistentWhileChildrenObserveThroughOneStripe(String backends) throws Exception {
        scrapesWhileChildrenObserve(backends, "1");
    }

    private void scrapesWhileChildrenObserve(String backends, String stripes) throws Exception {
        try (Heap heap = createHeap(backends); Children children = new Children()) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            String before = System.getProperty(Stripes.PROPERTY);
            if (stripes != null) {
                System.setProperty(Stripes.PROPERTY, stripes);
            }
            try {
                MetricsChild.histogram(registry);
                MetricsChild.summary(registry);
            } finally {
                if (before == null) {
                    System.clearProperty(Stripes.PROPERTY);
                } else {
                    System.setProperty(Stripes.PROPERTY, before);
                }
            }
            List<ChildJvm> group = children.startTogether("observe", heap.path(), childBackends(backends, 2),
                    Long.toString(RUN_MILLIS));
            long scrapes = 0;
            long changed = 0;
            long last = 0;
            do {
                long count = Scrapes.checkConsistent(registry.collect());
                assertThat(count).as("count never goes down").isGreaterThanOrEqualTo(last);
                if (count != last) {
                    changed++;
                }
                last = count;
                scrapes++;
            } while (Children.anyAlive(group));
            Children.awaitAll(group);
            long[] expected = new long[4];
            for (ChildJvm child : group) {
                String[] f = child.stdout().stream().filter(l -> l.startsWith("OBSERVED ")).findFirst()
                        .orElseThrow().split(" ");
                for (int b = 0; b < 3; b++) {
                    expected[b] += Long.parseLong(f[b + 1]);
                }
            }
            List<MetricSnapshot> scrape = registry.collect();
            Scrapes.checkConsistent(scrape);
            DataPoint.HistogramPoint h = Scrapes.point(scrape, "h");
            assertThat(h.bucketCounts()).containsExactly(expected);
            assertThat(h.count()).isEqualTo(Scrapes.total(expected));
            assertThat(Scrapes.<DataPoint.SummaryPoint>point(scrape, "s").count()).isEqualTo(h.count());
            // The parent really scraped while the children observed.
            assertThat(changed).as("scrapes that saw new observations (of %d)", scrapes).isGreaterThan(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle,unsafe", "locking"})
    void aStateSetAlwaysHasExactlyOneValidStateWhileChildrenFlipIt(String backends) throws Exception {
        try (Heap heap = createHeap(backends); Children children = new Children()) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            StateSet phase = MetricsChild.stateSet(registry);
            phase.state("b");
            List<ChildJvm> group = children.startTogether("flip", heap.path(), childBackends(backends, 2),
                    Long.toString(RUN_MILLIS));
            long scrapes = 0;
            do {
                MetricSnapshot m = Scrapes.metric(registry.collect(), "phase");
                assertThat(m.dataPoints()).hasSize(1);
                int active = ((DataPoint.StateSetPoint) m.dataPoints().get(0)).activeState();
                // Children only ever set b (1) or c (2): the default (0) would mean a torn or
                // corrupt index read as the default.
                assertThat(active).as("active state index").isBetween(1, 2);
                assertThat(phase.get()).isIn("b", "c");
                scrapes++;
            } while (Children.anyAlive(group));
            Children.awaitAll(group);
            for (ChildJvm child : group) {
                assertThat(child.awaitLine("FLIPPED", 1, TimeUnit.SECONDS)).isNotEqualTo("FLIPPED 0");
            }
            assertThat(scrapes).isGreaterThan(2);
        }
    }
}
