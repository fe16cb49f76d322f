package io.mpmetrics.itests.metrics;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricDefinition;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricType;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;
import io.mpmetrics.spi.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry across processes: metrics a child declared are scraped by a parent that
 * declared nothing; a mismatching definition is refused in either direction; a child started
 * with {@code MPMETRICS_FILE} joins the parent's file through the default registry.
 */
class CrossProcessRegistryTest {
    @TempDir
    Path dir;

    @Test
    void parentScrapesEveryLabelSetOfACounterOnlyAChildRegistered() throws Exception {
        Path file = dir.resolve("child-made.mpm");
        int n = 5;
        try (Children children = new Children()) {
            // The child creates the file, registers the counter and makes label sets.
            ChildJvm child = children.start("labelled", file, "default", Integer.toString(n));
            child.awaitLine("FIRST", 60, TimeUnit.SECONDS);
            try (MetricsRegistry reader = MetricsRegistry.openExisting(file)) {
                MetricSnapshot m = Scrapes.metric(reader.collect(), "requests");
                assertThat(m.type()).isEqualTo(MetricType.COUNTER);
                assertThat(m.definition().labelNames()).containsExactly("method", "code");
                assertThat(m.definition().help()).isEqualTo("Requests by the child");
                assertThat(m.dataPoints()).hasSize(n);
                for (int i = 0; i < n; i++) {
                    DataPoint.CounterPoint p = (DataPoint.CounterPoint) m.dataPoints().get(i);
                    assertThat(p.labelValues()).containsExactly("GET", Integer.toString(200 + i));
                    assertThat(p.value()).isEqualTo(i + 1.0);
                }
                // The child adds label sets while the parent's registry is open: the next scrape has them.
                child.send("MORE");
                child.awaitSuccess(60, TimeUnit.SECONDS);
                m = Scrapes.metric(reader.collect(), "requests");
                assertThat(m.dataPoints()).hasSize(2 * n);
                List<List<String>> labels = new ArrayList<>();
                for (DataPoint p : m.dataPoints()) {
                    labels.add(p.labelValues());
                }
                for (int i = 0; i < n; i++) {
                    assertThat(labels).contains(List.of("GET", Integer.toString(200 + i)),
                            List.of("POST", Integer.toString(200 + i)));
                    assertThat(Scrapes.<DataPoint.CounterPoint>point(reader.collect(), "requests", "POST",
                            Integer.toString(200 + i)).value()).isEqualTo(0.5);
                }
                assertThat(reader.seriesCounts()).containsEntry("requests", 2 * n);
            }
        }
    }

    @Test
    void aMismatchingRegistrationIsRefusedInEitherDirection() throws Exception {
        Path file = dir.resolve("mismatch.mpm");
        try (Heap heap = Heap.create(file, Backends.named("varhandle"), Heap.DEFAULT_MAP_SIZE);
             Children children = new Children()) {
            MetricsRegistry parent = MetricsRegistry.of(heap);
            // The parent registers two metrics, a first child a third; then children with other
            // definitions (labels, type, buckets, unit, states) are refused against either.
            Counter.builder().name("c").help("").labelNames("a").register(parent).labelValues("p").inc();
            StateSet.builder().name("mode").help("").states("x", "y").register(parent);
            ChildJvm first = children.start("register", file, "varhandle", "histogram-12");
            first.awaitSuccess(60, TimeUnit.SECONDS);
            assertThat(first.stdout()).contains("REGISTERED histogram-12");
            String[][] cases = {
                {"counter-b", "counter c labels=[a]", "counter c labels=[b]"},
                {"gauge-a", "counter c labels=[a]", "gauge c labels=[a]"},
                {"histogram-13", "buckets=[1.0, 2.0, Infinity]", "buckets=[1.0, 3.0, Infinity]"},
                {"histogram-nounit", "unit=seconds", "histogram lat_seconds labels=[] buckets"},
                {"states-yx", "states=[x, y]", "states=[y, x]"},
            };
            List<ChildJvm> started = new ArrayList<>();
            for (String[] c : cases) {
                started.add(children.start("register", file, "varhandle", c[0]));
            }
            for (int i = 0; i < cases.length; i++) {
                String line = started.get(i).awaitLine("RE", 60, TimeUnit.SECONDS);
                assertThat(line).as(cases[i][0]).startsWith("REFUSED").contains(cases[i][1]).contains(cases[i][2])
                        .contains(file.toString());
                started.get(i).awaitSuccess(60, TimeUnit.SECONDS);
            }
            // The same definition is accepted (with the other lock-free backend) and shares the series.
            ChildJvm same = children.start("register", file, "unsafe", "counter-a");
            assertThat(same.awaitLine("RE", 60, TimeUnit.SECONDS)).isEqualTo("REGISTERED counter-a");
            same.awaitSuccess(60, TimeUnit.SECONDS);
            assertThat(Scrapes.<DataPoint.CounterPoint>point(parent.collect(), "c", "x").value()).isEqualTo(7.0);
            assertThat(Scrapes.<DataPoint.CounterPoint>point(parent.collect(), "c", "p").value()).isEqualTo(1.0);

            // The parent, whose registry has not looked at the file since, must match the child's histogram.
            assertThatThrownBy(() -> Gauge.builder().name("lat_seconds").unit("seconds").help("").register(parent))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("histogram lat_seconds").hasMessageContaining("gauge lat_seconds");
            Histogram.builder().name("lat_seconds").unit("seconds").help("").buckets(1, 2).register(parent).observe(1);
            assertThat(parent.definitions()).hasSize(3);
        }
    }

    /**
     * Issue #10: metrics whose exposition names clash (a summary {@code s} and a gauge
     * {@code s_sum}, ...) are refused in every process of the file, naming both metrics, in
     * either order; one such registration used to break every exporter of the file.
     */
    @Test
    @Timeout(300)
    void clashingSampleNamesAreRefusedInEveryProcess() throws Exception {
        Path file = dir.resolve("clash.mpm");
        try (Heap heap = Heap.create(file, Backends.named("varhandle"), Heap.DEFAULT_MAP_SIZE);
             Children children = new Children()) {
            MetricsRegistry parent = MetricsRegistry.of(heap);
            Summary.builder().name("s").help("").register(parent);
            Histogram.builder().name("h").help("").buckets(1, 2).register(parent);
            String[][] cases = {
                {"gauge:s_sum", "summary 's'", "gauge 's_sum'"},
                {"gauge:s_count", "summary 's'", "gauge 's_count'"},
                {"counter:h_sum", "histogram 'h'", "counter 'h_sum'"},
                {"summary:h_count", "histogram 'h'", "summary 'h_count'"},
            };
            List<ChildJvm> started = new ArrayList<>();
            for (String[] c : cases) {
                started.add(children.start("register", file, "varhandle", c[0]));
            }
            for (int i = 0; i < cases.length; i++) {
                String line = started.get(i).awaitLine("RE", 60, TimeUnit.SECONDS);
                assertThat(line).as(cases[i][0]).startsWith("REFUSED").contains(cases[i][1]).contains(cases[i][2])
                        .contains(file.toString());
                started.get(i).awaitSuccess(60, TimeUnit.SECONDS);
            }
            // The other way round: a child's gauge g_count first, then the parent's summary g.
            ChildJvm gauge = children.start("register", file, "unsafe", "gauge:g_count");
            assertThat(gauge.awaitLine("RE", 60, TimeUnit.SECONDS)).isEqualTo("REGISTERED gauge:g_count");
            gauge.awaitSuccess(60, TimeUnit.SECONDS);
            assertThatThrownBy(() -> Summary.builder().name("g").help("").register(parent))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("summary 'g'").hasMessageContaining("gauge 'g_count'")
                    .hasMessageContaining(file.toString());
            assertThat(parent.definitions()).extracting(MetricDefinition::name).containsExactly("s", "h", "g_count");
        }
    }

    @Test
    void aChildRegisteringFirstIsTheDefinitionTheParentMustMatch() throws Exception {
        Path file = dir.resolve("child-first.mpm");
        try (Children children = new Children()) {
            ChildJvm child = children.start("register", file, "default", "states-xy");
            child.awaitSuccess(60, TimeUnit.SECONDS);
            assertThat(child.stdout()).contains("REGISTERED states-xy");
            try (MetricsRegistry parent = MetricsRegistry.openOrCreate(file)) {
                assertThatThrownBy(() -> StateSet.builder().name("mode").help("").states("x", "y", "z")
                        .register(parent)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("states=[x, y]").hasMessageContaining("states=[x, y, z]");
                StateSet same = StateSet.builder().name("mode").help("").states("x", "y").register(parent);
                assertThat(same.get()).isEqualTo("x");
            }
        }
    }

    @Test
    void exemplarsOfferedByAChildAreScrapedByTheParent() throws Exception {
        Path file = dir.resolve("exemplars.mpm");
        try (Heap heap = Heap.create(file, Backends.named("varhandle"), Heap.DEFAULT_MAP_SIZE);
             Children children = new Children()) {
            MetricsRegistry parent = MetricsRegistry.of(heap);
            Counter jobs = MetricsChild.exemplarCounter(parent);
            Histogram seconds = MetricsChild.exemplarHistogram(parent);
            jobs.inc();
            assertThat(Scrapes.<DataPoint.CounterPoint>point(parent.collect(), "jobs").exemplar()).isNull();
            long before = System.currentTimeMillis();
            children.start("exemplars", file, "unsafe", "from-child").awaitSuccess(60, TimeUnit.SECONDS);
            long after = System.currentTimeMillis();

            List<MetricSnapshot> scrape = parent.collect();
            DataPoint.CounterPoint c = Scrapes.point(scrape, "jobs");
            assertThat(c.value()).isEqualTo(3.0);
            assertThat(c.exemplar().labelPairs()).containsExactly("trace_id", "from-child");
            assertThat(c.exemplar().value()).isEqualTo(2.0);
            assertThat(c.exemplar().timestampMillis()).isBetween(before, after);
            DataPoint.HistogramPoint h = Scrapes.point(scrape, "job_seconds");
            assertThat(h.bucketCounts()).containsExactly(0, 1, 0);
            assertThat(h.exemplars().get(0)).isNull();
            assertThat(h.exemplars().get(1).labelPairs()).containsExactly("trace_id", "from-child", "span_id", "s1");
            assertThat(h.exemplars().get(1).value()).isEqualTo(1.5);
            assertThat(h.exemplars().get(2)).isNull();
            // The parent's own exemplar goes into the block the child allocated.
            seconds.observeWithExemplar(0.5, "trace_id", "from-parent");
            h = Scrapes.point(parent.collect(), "job_seconds");
            assertThat(h.exemplars().get(0).labelPairs()).containsExactly("trace_id", "from-parent");
            assertThat(h.exemplars().get(1).labelPairs()).contains("from-child");
        }
    }

    @Test
    void aChildWithMpmetricsFileWritesIntoTheParentsFile() throws Exception {
        Path file = dir.resolve("env.mpm");
        try (MetricsRegistry parent = MetricsRegistry.openOrCreate(file); Children children = new Children()) {
            Counter fromEnv = Counter.builder().name("from_env").help("Counted by children").register(parent);
            ChildJvm viaEnv = children.start(ChildJvm.builder(MetricsChild.class)
                    .env(MetricsRegistry.FILE_ENV, file.toString()), "env", file, "default");
            // The system property wins over the environment.
            ChildJvm viaProperty = children.start(ChildJvm.builder(MetricsChild.class)
                    .env(MetricsRegistry.FILE_ENV, dir.resolve("elsewhere.mpm").toString())
                    .jvmOptions("-D" + MetricsRegistry.FILE_PROPERTY + "=" + file), "env", file, "default");
            for (ChildJvm child : List.of(viaEnv, viaProperty)) {
                assertThat(child.awaitLine("PATH ", 60, TimeUnit.SECONDS)).isEqualTo("PATH " + file);
                child.awaitSuccess(60, TimeUnit.SECONDS);
            }
            assertThat(fromEnv.get()).isEqualTo(6.0);
            assertThat(Scrapes.<DataPoint.GaugePoint>point(parent.collect(), "child_gauge").value()).isEqualTo(7.0);
            assertThat(dir.resolve("elsewhere.mpm")).doesNotExist();
        }
    }
}
