package io.mpmetrics.exporter;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Info;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MpmetricsCollectorTest {
    @TempDir
    Path dir;

    private MetricsRegistry registry;
    private long before;
    private long after;

    @BeforeEach
    void populate() throws Exception {
        registry = MetricsRegistry.openOrCreate(dir.resolve("every.mpm"));
        before = System.currentTimeMillis();
        EveryType.populate(registry);
        after = System.currentTimeMillis();
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    private MetricSnapshot find(MetricSnapshots all, String name) {
        return all.stream().filter(m -> m.getMetadata().getPrometheusName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + names(all)));
    }

    private static List<String> names(MetricSnapshots all) {
        return all.stream().map(m -> m.getMetadata().getPrometheusName()).collect(Collectors.toList());
    }

    private static <P extends DataPointSnapshot> P point(List<P> points, String... labelPairs) {
        Labels wanted = Labels.of(labelPairs);
        return points.stream().filter(p -> p.getLabels().equals(wanted)).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + wanted));
    }

    private static void assertLabels(Labels actual, String... expectedPairs) {
        assertThat((Object) actual).isEqualTo(Labels.of(expectedPairs));
    }

    private void assertCreated(DataPointSnapshot p) {
        assertThat(p.hasCreatedTimestamp()).isTrue();
        assertThat(p.getCreatedTimestampMillis()).isBetween(before, after);
    }

    private void assertExemplar(Exemplar e, double value, String traceId) {
        assertThat(e).isNotNull();
        assertThat(e.getValue()).isEqualTo(value);
        assertLabels(e.getLabels(), "trace_id", traceId);
        assertThat(e.getTimestampMillis()).isBetween(before, after);
    }

    @Test
    void everyMetricIsCollectedWithItsClientJavaType() {
        MetricSnapshots all = new MpmetricsCollector(registry).collect();
        // client_java orders snapshots by name.
        assertThat(names(all)).containsExactly("build", "http_requests", "payload_bytes", "queue_depth",
                "request_latency_seconds", "room_temperature_celsius", "worker_phase");
        assertThat(find(all, "http_requests")).isInstanceOf(CounterSnapshot.class);
        assertThat(find(all, "room_temperature_celsius")).isInstanceOf(GaugeSnapshot.class);
        assertThat(find(all, "payload_bytes")).isInstanceOf(SummarySnapshot.class);
        assertThat(find(all, "request_latency_seconds")).isInstanceOf(HistogramSnapshot.class);
        assertThat(find(all, "worker_phase")).isInstanceOf(StateSetSnapshot.class);
        assertThat(find(all, "build")).isInstanceOf(InfoSnapshot.class);
        assertThat(find(all, "queue_depth")).isInstanceOf(GaugeSnapshot.class);
    }

    @Test
    void counterHasValuesLabelsExemplarAndCreatedTimestamp() {
        CounterSnapshot c = (CounterSnapshot) find(new MpmetricsCollector(registry).collect(), "http_requests");
        assertThat(c.getMetadata().getHelp()).isEqualTo("HTTP requests handled");
        assertThat(c.getMetadata().hasUnit()).isFalse();
        assertThat(c.getDataPoints()).hasSize(2);
        CounterDataPointSnapshot get = point(c.getDataPoints(), "method", "GET", "status", "200");
        assertThat(get.getValue()).isEqualTo(3.5);
        assertCreated(get);
        assertExemplar(get.getExemplar(), 1.5, EveryType.TRACE_A);
        CounterDataPointSnapshot post = point(c.getDataPoints(), "method", "POST", "status", "500");
        assertThat(post.getValue()).isEqualTo(1.0);
        assertThat(post.getExemplar()).isNull();
        assertCreated(post);
    }

    @Test
    void gaugeHasValuesUnitAndLabels() {
        GaugeSnapshot g = (GaugeSnapshot) find(new MpmetricsCollector(registry).collect(), "room_temperature_celsius");
        assertThat(g.getMetadata().getUnit()).isEqualTo(Unit.CELSIUS);
        assertThat(point(g.getDataPoints(), "room", "lab").getValue()).isEqualTo(21.5);
        assertThat(point(g.getDataPoints(), "room", "hall").getValue()).isEqualTo(-3.25);
        GaugeSnapshot depth = (GaugeSnapshot) find(new MpmetricsCollector(registry).collect(), "queue_depth");
        assertThat(depth.getDataPoints()).singleElement().satisfies(p -> {
            assertLabels(p.getLabels());
            assertThat(p.getValue()).isEqualTo(7.0);
        });
    }

    @Test
    void summaryHasCountSumCreatedAndNoQuantiles() {
        SummarySnapshot s = (SummarySnapshot) find(new MpmetricsCollector(registry).collect(), "payload_bytes");
        assertThat(s.getMetadata().getUnit()).isEqualTo(Unit.BYTES);
        SummaryDataPointSnapshot in = point(s.getDataPoints(), "direction", "in");
        assertThat(in.getCount()).isEqualTo(2);
        assertThat(in.getSum()).isEqualTo(1536.0);
        assertThat(in.getQuantiles().size()).isZero();
        assertCreated(in);
    }

    @Test
    void histogramHasPerBucketCountsWhoseTotalIsTheCountAndExemplarsInTheirBuckets() {
        HistogramSnapshot h = (HistogramSnapshot) find(new MpmetricsCollector(registry).collect(),
                "request_latency_seconds");
        assertThat(h.getMetadata().getUnit()).isEqualTo(Unit.SECONDS);
        assertThat(h.isGaugeHistogram()).isFalse();
        HistogramDataPointSnapshot a = point(h.getDataPoints(), "route", "/a");
        ClassicHistogramBuckets buckets = a.getClassicBuckets();
        assertThat(buckets.size()).isEqualTo(4);
        double[] bounds = new double[4];
        long[] counts = new long[4];
        long total = 0;
        for (int i = 0; i < 4; i++) {
            bounds[i] = buckets.getUpperBound(i);
            counts[i] = buckets.getCount(i);
            total += counts[i];
        }
        assertThat(bounds).containsExactly(0.1, 0.5, 1.0, Double.POSITIVE_INFINITY);
        // 0.05 and 0.1 (on the bound) in le=0.1, 0.7 in le=1, 3 in le=+Inf.
        assertThat(counts).containsExactly(2, 0, 1, 1);
        assertThat(a.getCount()).isEqualTo(4).isEqualTo(total);
        assertThat(a.getSum()).isCloseTo(3.85, within(1e-12));
        assertCreated(a);
        // client_java places an exemplar on the bucket (lower, upper] that holds its value.
        assertThat(a.getExemplars().size()).isEqualTo(3);
        assertExemplar(a.getExemplars().get(Double.NEGATIVE_INFINITY, 0.1), 0.05, EveryType.TRACE_B);
        assertThat(a.getExemplars().get(0.1, 0.5)).isNull();
        assertExemplar(a.getExemplars().get(0.5, 1.0), 0.7, EveryType.TRACE_C);
        assertExemplar(a.getExemplars().get(1.0, Double.POSITIVE_INFINITY), 3.0, EveryType.TRACE_D);

        HistogramDataPointSnapshot b = point(h.getDataPoints(), "route", "/b");
        assertThat(b.getClassicBuckets().getCount(1)).isEqualTo(1);
        assertThat(b.getCount()).isEqualTo(1);
        assertThat(b.getExemplars().size()).isZero();
    }

    @Test
    void stateSetHasExactlyTheActiveStateTrue() {
        StateSetSnapshot s = (StateSetSnapshot) find(new MpmetricsCollector(registry).collect(), "worker_phase");
        assertThat(states(point(s.getDataPoints(), "worker", "w1")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("starting", false, "running", true, "stopping", false));
        assertThat(states(point(s.getDataPoints(), "worker", "w2")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("starting", true, "running", false, "stopping", false));
    }

    private static Map<String, Boolean> states(StateSetDataPointSnapshot p) {
        Map<String, Boolean> out = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            out.put(p.getName(i), p.isTrue(i));
        }
        return out;
    }

    @Test
    void infoHasItsLabelSet() {
        InfoSnapshot info = (InfoSnapshot) find(new MpmetricsCollector(registry).collect(), "build");
        assertThat(info.getMetadata().getHelp()).isEqualTo("Build information");
        assertThat(info.getDataPoints()).singleElement()
                .satisfies(p -> assertLabels(p.getLabels(), "version", "1.2.0", "commit", "a1b2c3"));
    }

    @Test
    void emptyHelpIsNoHelpAndALabelledMetricWithoutSeriesHasNoDataPoints() throws Exception {
        try (MetricsRegistry r = MetricsRegistry.openOrCreate(dir.resolve("bare.mpm"))) {
            Counter.builder().name("bare").labelNames("x").register(r);
            MetricSnapshot m = new MpmetricsCollector(r).collect().get(0);
            assertThat(m.getMetadata().getHelp()).isNull();
            assertThat(m.getDataPoints()).isEmpty();
        }
    }

    @Test
    void negativeObservationsAndExemplarsWithoutLabelsConvert() throws Exception {
        try (MetricsRegistry r = MetricsRegistry.openOrCreate(dir.resolve("edge.mpm"))) {
            io.mpmetrics.metrics.Histogram h = io.mpmetrics.metrics.Histogram.builder().name("delta").help("h")
                    .buckets(0).register(r);
            h.observeWithExemplar(-5);
            h.observe(Double.POSITIVE_INFINITY);
            HistogramDataPointSnapshot p = ((HistogramSnapshot) new MpmetricsCollector(r).collect().get(0))
                    .getDataPoints().get(0);
            assertThat(p.getClassicBuckets().getCount(0)).isEqualTo(1);
            assertThat(p.getClassicBuckets().getCount(1)).isEqualTo(1);
            assertThat(p.getSum()).isEqualTo(Double.POSITIVE_INFINITY);
            Exemplar e = p.getExemplars().get(Double.NEGATIVE_INFINITY, 0);
            assertThat(e.getValue()).isEqualTo(-5.0);
            assertThat(e.getLabels().isEmpty()).isTrue();
        }
    }

    @Test
    void infoAndStateSetWithAUnitNeverReachClientJava() throws Exception {
        // OpenMetrics forbids units on info and state sets and client_java throws on them at every
        // scrape; the metrics module refuses them at registration, before anything is stored.
        try (MetricsRegistry r = MetricsRegistry.openOrCreate(dir.resolve("units.mpm"))) {
            assertThatThrownBy(() -> Info.builder().name("disk_bytes").unit("bytes").help("h").register(r))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StateSet.builder().name("mode_seconds").unit("seconds").help("h").states("a")
                    .register(r)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new MpmetricsCollector(r).collect().size()).isZero();
        }
    }

    @Test
    @SuppressWarnings("deprecation") // getPrometheusNames, still used by PrometheusRegistry's filtered scrapes
    void describesTheMetricsInTheFileForClientJavasRegistrationChecks() {
        MpmetricsCollector collector = new MpmetricsCollector(registry);
        assertThat(collector.getPrometheusNames()).containsExactly("http_requests", "room_temperature_celsius",
                "payload_bytes", "request_latency_seconds", "worker_phase", "build", "queue_depth");
        List<MetricFamilyDescriptor> descriptors = collector.getMetricFamilyDescriptors();
        assertThat(descriptors).extracting(MetricFamilyDescriptor::getType).containsExactly(MetricType.COUNTER,
                MetricType.GAUGE, MetricType.SUMMARY, MetricType.HISTOGRAM, MetricType.STATESET, MetricType.INFO,
                MetricType.GAUGE);
        assertThat(descriptors.get(0).getLabelNames()).containsExactlyInAnyOrder("method", "status");
        assertThat(descriptors.get(0).getPrometheusName()).isEqualTo("http_requests");
        assertThat(descriptors.get(2).getMetadata().getUnit()).isEqualTo(Unit.BYTES);
        assertThat(descriptors.get(4).getLabelNames()).containsExactly("worker");
    }

    @Test
    void registersWithAPrometheusRegistryAndScrapesThroughIt() {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        MpmetricsCollector collector = MpmetricsCollector.register(registry, prometheus);
        assertThat(names(prometheus.scrape())).hasSize(7).contains("http_requests", "build");
        assertThat(names(prometheus.scrape(name -> name.startsWith("room")))).containsExactly("room_temperature_celsius");
        assertThatThrownBy(() -> prometheus.register(collector)).isInstanceOf(IllegalArgumentException.class);
        prometheus.unregister(collector);
        assertThat(prometheus.scrape().size()).isZero();
    }

    @Test
    void aSecondCollectorWithTheSameMetricNamesIsRefusedAtRegistration() throws Exception {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        MpmetricsCollector.register(registry, prometheus);
        try (MetricsRegistry other = MetricsRegistry.openOrCreate(dir.resolve("other.mpm"))) {
            Gauge.builder().name("queue_depth").help("other").register(other);
            assertThatThrownBy(() -> MpmetricsCollector.register(other, prometheus))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue_depth");
        }
    }

    @Test
    void metricsRegisteredLaterByAnotherProcessAreScrapedEvenThroughANameFilter() throws Exception {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        MpmetricsCollector.register(registry, prometheus);
        // A second registry on the same file stands for another process.
        try (MetricsRegistry otherProcess = MetricsRegistry.openExisting(registry.path())) {
            Counter late = Counter.builder().name("late_jobs").help("Registered after the collector").register(otherProcess);
            late.inc(5);
        }
        MetricSnapshots filtered = prometheus.scrape(name -> name.equals("late_jobs"));
        assertThat(names(filtered)).containsExactly("late_jobs");
        assertThat(((CounterSnapshot) filtered.get(0)).getDataPoints().get(0).getValue()).isEqualTo(5.0);
        assertThat(names(prometheus.scrape())).hasSize(8);
    }

    @Test
    void toPrometheusConvertsOneSnapshotLikeCollect() {
        io.mpmetrics.metrics.MetricSnapshot ours = registry.collect().get(0);
        CounterSnapshot theirs = (CounterSnapshot) MpmetricsCollector.toPrometheus(ours);
        assertThat(theirs.getMetadata().getName()).isEqualTo("http_requests");
        assertThat(theirs.getDataPoints()).hasSize(2);
        assertThat(new MpmetricsCollector(registry).registry()).isSameAs(registry);
        assertThatThrownBy(() -> new MpmetricsCollector(null)).isInstanceOf(NullPointerException.class);
    }
}
