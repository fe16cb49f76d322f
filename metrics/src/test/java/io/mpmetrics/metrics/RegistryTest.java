package io.mpmetrics.metrics;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.spi.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Get-or-create registration by name, and refusal of a different definition under a taken name. */
class RegistryTest {
    @TempDir
    Path dir;

    @EachBackend
    void sameDefinitionSharesTheMetric(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Histogram a = Histogram.builder().name("h_seconds").unit("seconds").help("first").buckets(1, 2)
                    .labelNames("x").register(t.registry);
            // Another handle, with other help text and an explicit +Inf: the same metric.
            Histogram b = Histogram.builder().name("h_seconds").unit("seconds").help("second")
                    .buckets(1, 2, Double.POSITIVE_INFINITY).labelNames("x").register(t.registry);
            a.labelValues("v").observe(1);
            b.labelValues("v").observe(3);
            assertThat(t.registry.definitions()).singleElement().extracting(MetricDefinition::help).isEqualTo("first");
            DataPoint.HistogramPoint p = t.point("h_seconds", "v");
            assertThat(p.bucketCounts()).containsExactly(1, 0, 1);
            // A registry over the same file (as another process has) attaches too.
            try (MetricsRegistry other = MetricsRegistry.of(t.heap)) {
                Counter.builder().name("c").help("").register(other).inc(5);
                Histogram.builder().name("h_seconds").unit("seconds").help("").buckets(1, 2).labelNames("x")
                        .register(other).labelValues("v").observe(2);
            }
            assertThat(t.<DataPoint.HistogramPoint>point("h_seconds", "v").bucketCounts()).containsExactly(1, 1, 1);
            assertThat(t.<DataPoint.CounterPoint>point("c").value()).isEqualTo(5.0);
        }
    }

    @EachBackend
    void differentDefinitionIsRefusedNamingBoth(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter.builder().name("c").help("").labelNames("a").register(t.registry);
            Histogram.builder().name("h").help("").buckets(1, 2).register(t.registry);
            StateSet.builder().name("e").help("").states("x", "y").register(t.registry);
            Gauge.builder().name("g_seconds").unit("seconds").help("").register(t.registry);
            try (MetricsRegistry other = MetricsRegistry.of(t.heap)) {
                for (MetricsRegistry r : List.of(t.registry, other)) {
                    refused(r, reg -> Counter.builder().name("c").help("").labelNames("b").register(reg),
                            "counter c labels=[a]", "counter c labels=[b]");
                    refused(r, reg -> Counter.builder().name("c").help("").labelNames("a", "b").register(reg),
                            "labels=[a]", "labels=[a, b]");
                    refused(r, reg -> Counter.builder().name("c").help("").register(reg), "labels=[a]", "labels=[]");
                    refused(r, reg -> Gauge.builder().name("c").help("").labelNames("a").register(reg),
                            "counter c", "gauge c");
                    refused(r, reg -> Histogram.builder().name("h").help("").buckets(1, 3).register(reg),
                            "buckets=[1.0, 2.0, Infinity]", "buckets=[1.0, 3.0, Infinity]");
                    refused(r, reg -> Histogram.builder().name("h").help("").register(reg),
                            "buckets=[1.0, 2.0, Infinity]", "buckets=[0.005");
                    refused(r, reg -> Summary.builder().name("h").help("").register(reg), "histogram h", "summary h");
                    refused(r, reg -> StateSet.builder().name("e").help("").states("y", "x").register(reg),
                            "states=[x, y]", "states=[y, x]");
                    refused(r, reg -> StateSet.builder().name("e").help("").states("x").register(reg),
                            "states=[x, y]", "states=[x]");
                    refused(r, reg -> Gauge.builder().name("g_seconds").help("").register(reg),
                            "unit=seconds", "gauge g_seconds labels=[]]");
                    refused(r, reg -> Info.builder().name("g_seconds").help("").register(reg), "gauge", "info");
                }
            }
            assertThat(t.registry.definitions()).hasSize(4);
        }
    }

    /**
     * Issue #10: a gauge {@code s_sum} beside a summary {@code s} (and the like) was accepted, so
     * the exposition had {@code s_sum} twice and client_java refused the whole file. Refused now,
     * naming both metrics, whichever came first and through whichever registry of the file.
     */
    @EachBackend
    void clashingSampleNamesAreRefusedNamingBothMetrics(String backend) throws IOException {
        List<List<Function<MetricsRegistry, ?>>> pairs = List.of(
                List.of(r -> Summary.builder().name("s").help("").register(r),
                        r -> Gauge.builder().name("s_sum").help("").register(r)),
                List.of(r -> Summary.builder().name("s").help("").register(r),
                        r -> Gauge.builder().name("s_count").help("").labelNames("a").register(r)),
                List.of(r -> Summary.builder().name("s").help("").register(r),
                        r -> Counter.builder().name("s_count").help("").register(r)),
                List.of(r -> Histogram.builder().name("h").help("").register(r),
                        r -> Gauge.builder().name("h_count").help("").register(r)),
                List.of(r -> Histogram.builder().name("h").help("").register(r),
                        r -> StateSet.builder().name("h_sum").help("").states("a", "b").register(r)),
                List.of(r -> Histogram.builder().name("h").help("").register(r),
                        r -> Summary.builder().name("h_sum").help("").register(r)),
                List.of(r -> Summary.builder().name("s").help("").register(r),
                        r -> Info.builder().name("s_sum").help("").register(r)));
        String[][] names = {{"summary 's'", "gauge 's_sum'", "'s_sum'"}, {"summary 's'", "gauge 's_count'", "'s_count'"},
            {"summary 's'", "counter 's_count'", "'s_count'"}, {"histogram 'h'", "gauge 'h_count'", "'h_count'"},
            {"histogram 'h'", "stateset 'h_sum'", "'h_sum'"}, {"histogram 'h'", "summary 'h_sum'", "'h_sum'"},
            {"summary 's'", "info 's_sum'", "'s_sum'"}};
        for (int i = 0; i < pairs.size(); i++) {
            for (int order = 0; order < 2; order++) {
                try (TestRegistry t = TestRegistry.create(dir, backend);
                     MetricsRegistry other = MetricsRegistry.of(t.heap)) {
                    Function<MetricsRegistry, ?> first = pairs.get(i).get(order);
                    Function<MetricsRegistry, ?> second = pairs.get(i).get(1 - order);
                    first.apply(t.registry);
                    for (MetricsRegistry r : List.of(t.registry, other)) {
                        assertThatThrownBy(() -> second.apply(r)).as("pair %d order %d", i, order)
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining(names[i][0]).hasMessageContaining(names[i][1])
                                .hasMessageContaining(names[i][2]).hasMessageContaining(r.path().toString());
                    }
                    assertThat(t.registry.definitions()).hasSize(1);
                    // Registering the first one again is still fine.
                    first.apply(other);
                }
            }
        }
        // Names that merely look alike are fine.
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Summary.builder().name("s").help("").register(t.registry);
            Histogram.builder().name("h").help("").register(t.registry);
            Gauge.builder().name("s_avg").help("").register(t.registry);
            Gauge.builder().name("h_max").help("").register(t.registry);
            Counter.builder().name("s_sum_of_all").help("").register(t.registry);
            Gauge.builder().name("x_sum").help("").register(t.registry);
            assertThat(t.registry.definitions()).hasSize(6);
        }
    }

    /**
     * A process applies the series it records itself instead of decoding them back from the
     * directory; across many directory segments, interleaved with another registry's records,
     * both must still see every series exactly once.
     */
    @EachBackend
    void ownAndOtherSeriesAcrossDirectorySegments(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend);
             MetricsRegistry other = MetricsRegistry.of(t.heap)) {
            Counter mine = Counter.builder().name("c").help("").labelNames("v").maxLabelSets(100_000).register(t.registry);
            Counter theirs = Counter.builder().name("c").help("").labelNames("v").maxLabelSets(100_000).register(other);
            String pad = "p".repeat(200);
            for (int i = 0; i < 3_000; i++) {
                mine.labelValues(pad + "m" + i).inc();
                if (i % 3 == 0) {
                    theirs.labelValues(pad + "o" + i).inc(2);
                    // The same label set from the other registry: found, not recorded twice.
                    theirs.labelValues(pad + "m" + i).inc();
                }
            }
            for (MetricsRegistry r : List.of(t.registry, other)) {
                assertThat(r.seriesCounts()).containsEntry("c", 4_000);
                MetricSnapshot c = TestRegistry.metric(r.collect(), "c");
                assertThat(c.dataPoints()).hasSize(4_000);
                assertThat(c.dataPoints().stream().mapToDouble(p -> ((DataPoint.CounterPoint) p).value()).sum())
                        .isEqualTo(3_000 + 1_000 * 2 + 1_000);
            }
            try (MetricsRegistry fresh = MetricsRegistry.of(t.heap)) {
                assertThat(fresh.seriesCounts()).containsEntry("c", 4_000);
            }
        }
    }

    private static void refused(MetricsRegistry r, Function<MetricsRegistry, ?> registration, String existing,
                                String attempted) {
        assertThatThrownBy(() -> registration.apply(r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(existing).hasMessageContaining(attempted)
                .hasMessageContaining(r.path().toString());
    }

    @Test
    void openExistingSeesEverythingAndCannotBeEmpty() throws IOException {
        Path file = dir.resolve("m.mpm");
        try (Heap heap = Heap.create(file, Backends.named("varhandle"), TestRegistry.MAP_SIZE)) {
            assertThatThrownBy(() -> MetricsRegistry.openExisting(file)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toString());
            MetricsRegistry r = MetricsRegistry.of(heap);
            Counter.builder().name("c").help("").labelNames("k").register(r).labelValues("v").inc(2);
            try (MetricsRegistry reader = MetricsRegistry.openExisting(file)) {
                assertThat(reader.collect()).singleElement().satisfies(m -> {
                    assertThat(m.name()).isEqualTo("c");
                    assertThat(((DataPoint.CounterPoint) m.dataPoints().get(0)).value()).isEqualTo(2.0);
                });
                // Registered later by the writer: the reader catches up on its next scrape.
                Gauge.builder().name("g").help("").register(r).set(7);
                Counter.builder().name("c").help("").labelNames("k").register(r).labelValues("w").inc();
                List<MetricSnapshot> scrape = reader.collect();
                assertThat(scrape).extracting(MetricSnapshot::name).containsExactly("c", "g");
                assertThat(TestRegistry.metric(scrape, "c").dataPoints()).extracting(DataPoint::labelValues)
                        .containsExactly(List.of("v"), List.of("w"));
                assertThat(reader.seriesCounts()).containsEntry("c", 2).containsEntry("g", 1);
            }
        }
    }

    @Test
    void snapshotsAreImmutable() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            Histogram h = Histogram.builder().name("h").help("").buckets(1).register(t.registry);
            h.observe(0.5);
            DataPoint.HistogramPoint p = t.point("h");
            p.bucketCounts()[0] = 99;
            assertThat(p.bucketCounts()).containsExactly(1, 0);
            h.observe(0.5);
            assertThat(p.count()).isEqualTo(1);
            assertThatThrownBy(() -> t.metric("h").dataPoints().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> p.exemplars().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
