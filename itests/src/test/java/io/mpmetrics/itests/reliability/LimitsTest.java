package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.CardinalityLimitException;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Promise 6: limits are clear exceptions that leave the file intact. Past the label-set limit
 * of a metric, with a label value over 2048 characters, past {@link MetricsRegistry#MAX_METRICS}
 * metrics, with a definition too large for one directory record, exemplar labels over 128
 * characters, the wrong number of label values or a conflicting definition: each is refused,
 * nothing half-made is stored, the locks are free again, and a second process reads exactly
 * what the refusing process reads.
 */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void refusalsLeaveTheFileIntact() throws Exception {
        Path file = dir.resolve("limits.mpm");
        Map<String, Long> figures = new LinkedHashMap<>();
        try (Heap heap = Heap.create(file, TestBackends.get("varhandle"), Heap.DEFAULT_MAP_SIZE)) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            Counter hits = Counter.builder().name("hits").help("Hits").labelNames("path").maxLabelSets(5)
                    .register(registry);
            for (int i = 0; i < 5; i++) {
                hits.labelValues("/p" + i).inc(i + 1);
            }
            long usedBefore = heap.used();
            assertThatThrownBy(() -> hits.labelValues("/p5")).isInstanceOf(CardinalityLimitException.class)
                    .hasMessageContaining("hits").hasMessageContaining("limit 5");
            assertThat(heap.used()).as("nothing allocated for a refused label set").isEqualTo(usedBefore);
            // The refusal is remembered by nothing: existing label sets keep working, new ones stay refused.
            hits.labelValues("/p0").inc();
            assertThatThrownBy(() -> hits.labelValues("/p5")).isInstanceOf(CardinalityLimitException.class);

            String longest = "x".repeat(2048);
            hits.labelValues("/p1");
            Counter names = Counter.builder().name("names").help("Names").labelNames("name").register(registry);
            names.labelValues(longest).inc();
            assertThatThrownBy(() -> names.labelValues(longest + "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2049").hasMessageContaining("2048");
            assertThatThrownBy(() -> names.labelValues("a", "b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names");

            assertThatThrownBy(() -> Counter.builder().name("huge").help("h".repeat(1_100_000)).register(registry))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
            assertThatThrownBy(() -> Histogram.builder().name("many_buckets").help("Buckets")
                    .buckets(manyBuckets(200_000)).register(registry)).isInstanceOf(IllegalArgumentException.class);
            // The directory lock was released: registration goes on.
            Gauge after = Gauge.builder().name("after").help("After").register(registry);
            after.set(42);

            Counter exemplars = Counter.builder().name("exemplars").help("E").register(registry);
            assertThatThrownBy(() -> exemplars.incWithExemplar(1, "trace_id", "t".repeat(200)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128");
            assertThat(exemplars.get()).as("a refused exemplar adds nothing").isEqualTo(0.0);

            assertThatThrownBy(() -> Gauge.builder().name("hits").help("Not a counter").register(registry))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hits")
                    .hasMessageContaining(file.toString());

            List<String> mine = DumpMain.lines(registry.collect());
            assertThat(mine).contains("S hits [/p0] counter 2.0", "S hits [/p4] counter 5.0", "S after [] gauge 42.0",
                    "S names [" + longest + "] counter 1.0", "S exemplars [] counter 0.0");
            assertThat(mine).noneMatch(l -> l.contains("/p5") || l.contains("huge") || l.contains("many_buckets"));
            assertThat(dump(file)).isEqualTo(mine);
            figures.put("seriesAfterRefusals", (long) mine.size());
            figures.put("fileBytes", heap.fileSize());
        }
        Campaign.report("limits", figures);
    }

    private static double[] manyBuckets(int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = i;
        }
        return b;
    }

    @Test
    void metricCountLimitIsFileWide() throws Exception {
        Path file = dir.resolve("many.mpm");
        int max = MetricsRegistry.MAX_METRICS;
        long t0 = System.nanoTime();
        try (Heap heap = Heap.create(file, TestBackends.get("varhandle"), Heap.DEFAULT_MAP_SIZE)) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            for (int i = 0; i < max; i++) {
                Gauge.builder().name("g" + i).help("Gauge " + i).register(registry).set(i);
            }
            assertThatThrownBy(() -> Gauge.builder().name("one_too_many").help("x").register(registry))
                    .isInstanceOf(CardinalityLimitException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining(Integer.toString(max));
            // Another registry on the file (as another process would have) counts the same metrics.
            MetricsRegistry other = MetricsRegistry.of(heap);
            assertThatThrownBy(() -> Counter.builder().name("also_too_many").help("x").register(other))
                    .isInstanceOf(CardinalityLimitException.class);
            // Registering an existing one is still fine.
            Gauge.builder().name("g7").help("Gauge 7").register(other).inc();
            List<String> mine = DumpMain.lines(registry.collect());
            assertThat(mine).hasSize(max).contains("S g7 [] gauge 8.0", "S g9999 [] gauge 9999.0");
            List<String> theirs = dump(file);
            assertThat(theirs).isEqualTo(mine);
        }
        Campaign.report("metric-count-limit", Map.of("metrics", (long) max,
                "seconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)));
    }

    private static List<String> dump(Path file) throws Exception {
        try (ChildJvm child = ChildJvm.builder(DumpMain.class).jvmOptions("-Xmx64m").args(file.toString(), "varhandle")
                .start()) {
            child.awaitLine("DONE", 60, TimeUnit.SECONDS);
            child.awaitSuccess(30, TimeUnit.SECONDS);
            List<String> lines = new ArrayList<>(child.stdout());
            lines.removeIf(l -> !l.startsWith("S "));
            return lines;
        }
    }
}
