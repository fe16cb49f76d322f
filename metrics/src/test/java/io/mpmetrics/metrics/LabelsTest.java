package io.mpmetrics.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Label sets: counts, unlabelled use of labelled metrics, and the label-set limit. */
class LabelsTest {
    @TempDir
    Path dir;

    @Test
    void labelValueCountMustMatch() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            Counter one = Counter.builder().name("c").help("").labelNames("l").register(t.registry);
            Counter two = Counter.builder().name("two").help("").labelNames("a", "b").register(t.registry);
            assertThatThrownBy(one::labelValues).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[l]");
            assertThatThrownBy(() -> one.labelValues("a", "b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[l]").hasMessageContaining("2 values");
            assertThatThrownBy(() -> two.labelValues("x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> two.labelValues("x", "y", "z")).isInstanceOf(IllegalArgumentException.class);
            assertThat(t.metric("c").dataPoints()).isEmpty();
            assertThat(t.metric("two").dataPoints()).isEmpty();
            // A metric without labels takes none.
            Gauge g = Gauge.builder().name("g").help("").register(t.registry);
            assertThatThrownBy(() -> g.labelValues("x")).isInstanceOf(IllegalArgumentException.class);
            g.labelValues().set(4);
            assertThat(g.get()).isEqualTo(4.0);
        }
    }

    @Test
    void everyLabelValuesOverloadFindsTheSameChildAcrossTableGrowth() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            Counter one = Counter.builder().name("one").help("").labelNames("a").register(t.registry);
            Counter two = Counter.builder().name("two").help("").labelNames("a", "b").register(t.registry);
            Counter three = Counter.builder().name("three").help("").labelNames("a", "b", "c").register(t.registry);
            Counter four = Counter.builder().name("four").help("").labelNames("a", "b", "c", "d").register(t.registry);
            int n = 300; // several doublings of the per-process child table
            List<Counter.Child> kept = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String v = Integer.toString(i);
                kept.add(one.labelValues(v));
                kept.add(two.labelValues(v, "x"));
                kept.add(three.labelValues("x", v, "y"));
                kept.add(four.labelValues("x", "y", "z", v));
                kept.get(kept.size() - 4).inc(i);
            }
            for (int i = 0; i < n; i++) {
                String v = Integer.toString(i);
                assertThat(one.labelValues(v)).isSameAs(kept.get(4 * i)).isSameAs(one.labelValues(new String[] {v}));
                assertThat(two.labelValues(v, "x")).isSameAs(kept.get(4 * i + 1))
                        .isSameAs(two.labelValues(new String[] {v, "x"}));
                assertThat(three.labelValues("x", v, "y")).isSameAs(kept.get(4 * i + 2))
                        .isSameAs(three.labelValues(new String[] {"x", v, "y"}));
                assertThat(four.labelValues("x", "y", "z", v)).isSameAs(kept.get(4 * i + 3));
                // Same values in another order are another label set.
                assertThat(two.labelValues("x", v)).isNotSameAs(kept.get(4 * i + 1));
                assertThat(one.labelValues(v).get()).isEqualTo(i);
            }
            assertThat(t.registry.seriesCounts()).containsEntry("one", n).containsEntry("two", 2 * n)
                    .containsEntry("three", n).containsEntry("four", n);
            // A null in any position is refused by every overload.
            assertThatThrownBy(() -> one.labelValues((String) null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> two.labelValues("a", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> two.labelValues(null, "b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> three.labelValues("a", "b", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> four.labelValues("a", null, "c", "d")).isInstanceOf(IllegalArgumentException.class);
            // The wrong number of values through an overload is refused too.
            assertThatThrownBy(() -> one.labelValues("a", "b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> four.labelValues("a", "b", "c")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void labelledMetricsNeedLabelValues() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            Counter c = Counter.builder().name("c").help("").labelNames("l").register(t.registry);
            Gauge g = Gauge.builder().name("g").help("").labelNames("l").register(t.registry);
            Summary s = Summary.builder().name("s").help("").labelNames("l").register(t.registry);
            Histogram h = Histogram.builder().name("h").help("").labelNames("l").register(t.registry);
            StateSet e = StateSet.builder().name("e").help("").labelNames("l").states("a").register(t.registry);
            List<Runnable> unlabelled = List.of(c::inc, () -> c.inc(2), () -> c.incWithExemplar(1, "a", "b"), c::get,
                    () -> c.countExceptions(() -> { }), g::inc, g::dec, () -> g.set(1), g::setToCurrentTime, g::get,
                    g::trackInProgress, g::startTimer, () -> s.observe(1), s::startTimer, () -> h.observe(1),
                    () -> h.observeWithExemplar(1, "a", "b"), h::startTimer, () -> e.state("a"), e::get);
            for (Runnable use : unlabelled) {
                assertThatThrownBy(use::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("[l]")
                        .hasMessageContaining("labelValues");
            }
            for (String name : List.of("c", "g", "s", "h", "e")) {
                assertThat(t.metric(name).dataPoints()).as(name).isEmpty();
            }
        }
    }

    @EachBackend
    void labelSetLimitRefusesNewSetsAndKeepsExistingOnes(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("hits").help("").labelNames("path").maxLabelSets(3).register(t.registry);
            c.labelValues("/a").inc();
            c.labelValues("/b").inc(2);
            c.labelValues("/c").inc(3);
            assertThatThrownBy(() -> c.labelValues("/d")).isInstanceOf(CardinalityLimitException.class)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("hits").hasMessageContaining("3")
                    .hasMessageContaining("/d");
            // Existing series keep working, and a refused one is not half-made.
            c.labelValues("/a").inc();
            assertThatThrownBy(() -> c.labelValues("/d")).isInstanceOf(CardinalityLimitException.class);
            MetricSnapshot m = t.metric("hits");
            assertThat(m.dataPoints()).extracting(DataPoint::labelValues)
                    .containsExactly(List.of("/a"), List.of("/b"), List.of("/c"));
            assertThat(m.dataPoints()).extracting(p -> ((DataPoint.CounterPoint) p).value()).containsExactly(2.0, 2.0, 3.0);
            assertThat(t.registry.seriesCounts()).containsEntry("hits", 3);
            // The limit counts the series in the file, whoever made them: a second handle
            // (as another process would have) is refused too.
            Counter again = Counter.builder().name("hits").help("").labelNames("path").maxLabelSets(3)
                    .register(t.registry);
            assertThatThrownBy(() -> again.labelValues("/e")).isInstanceOf(CardinalityLimitException.class);
            assertThat(again.labelValues("/b").get()).isEqualTo(2.0);
            assertThatThrownBy(() -> Counter.builder().name("x").maxLabelSets(0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void labelSetsAcrossManyDirectorySegments() throws IOException {
        // Enough long label sets to fill several directory segments; a second registry on the
        // same file reads them all back.
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            Counter c = Counter.builder().name("c").help("").labelNames("id").register(t.registry);
            String pad = "p".repeat(500);
            int n = 300;
            for (int i = 0; i < n; i++) {
                c.labelValues(pad + i).inc(i);
            }
            try (MetricsRegistry other = MetricsRegistry.of(t.heap)) {
                MetricSnapshot m = TestRegistry.metric(other.collect(), "c");
                assertThat(m.dataPoints()).hasSize(n);
                for (int i = 0; i < n; i++) {
                    DataPoint.CounterPoint p = (DataPoint.CounterPoint) m.dataPoints().get(i);
                    assertThat(p.labelValues()).containsExactly(pad + i);
                    assertThat(p.value()).isEqualTo(i);
                }
            }
        }
    }
}
