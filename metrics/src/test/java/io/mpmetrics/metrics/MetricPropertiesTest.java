package io.mpmetrics.metrics;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.spi.Backends;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Properties of counters and histograms over generated amounts, bounds and observations. */
class MetricPropertiesTest {
    private static Path dir;
    private static Heap heap;
    private static MetricsRegistry registry;
    private static final AtomicInteger names = new AtomicInteger();

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("mpmetrics-props");
        heap = Heap.create(dir.resolve("props.mpm"), Backends.named("varhandle"), 1 << 20);
        registry = MetricsRegistry.of(heap);
    }

    @AfterContainer
    static void close() throws IOException {
        heap.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String fresh(String prefix) {
        return prefix + names.incrementAndGet();
    }

    @Provide
    Arbitrary<double[]> bounds() {
        return Arbitraries.doubles().between(-1e6, 1e6).list().ofMinSize(1).ofMaxSize(8).uniqueElements()
                .map(l -> l.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    @Provide
    Arbitrary<List<Double>> observations() {
        Arbitrary<Double> any = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(-2e6, 2e6)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(-1e6, 0.0, -0.0, 1e6, Double.MAX_VALUE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        return any.list().ofMaxSize(40);
    }

    @Property(tries = 200)
    void histogramPlacesEachValueInTheFirstBucketAtOrAboveIt(@ForAll("bounds") double[] bounds,
                                                             @ForAll("observations") List<Double> values) {
        Histogram h = Histogram.builder().name(fresh("h")).help("").buckets(bounds).register(registry);
        double[] b = h.upperBounds();
        // Some observations are exactly on a bound.
        List<Double> all = new ArrayList<>(values);
        for (int i = 0; i < bounds.length; i += 2) {
            all.add(bounds[i]);
        }
        long[] expected = new long[b.length];
        double sum = 0;
        for (double v : all) {
            int i = 0;
            while (!(v <= b[i]) && i < b.length - 1) {
                i++;
            }
            expected[i]++;
            sum += v;
            h.observe(v);
        }
        DataPoint.HistogramPoint p = (DataPoint.HistogramPoint) TestRegistry.point(
                TestRegistry.metric(registry.collect(), h.name()));
        assertThat(p.bucketCounts()).containsExactly(expected);
        assertThat(p.count()).isEqualTo(all.size());
        assertThat(Double.compare(p.sum(), sum)).as("sum %s, expected %s", p.sum(), sum).isZero();
    }

    @Property(tries = 200)
    void counterAddsAnyNonNegativeAmounts(@ForAll @Size(max = 30) List<@DoubleRange(min = 0, max = 1e12) Double> amounts) {
        Counter c = Counter.builder().name(fresh("c")).help("").register(registry);
        double sum = 0;
        for (double a : amounts) {
            c.inc(a);
            sum += a;
        }
        assertThat(c.get()).isCloseTo(sum, org.assertj.core.data.Offset.offset(Math.max(1e-9, sum * 1e-12)));
    }

    @Provide
    Arbitrary<Double> refusedAmounts() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e12, 0).ofScale(6).filter(d -> d < 0),
                Arbitraries.of(-Double.MIN_VALUE, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.NaN, -1e-300));
    }

    @Property(tries = 100)
    void negativeAmountsNeverChangeACounter(@ForAll("refusedAmounts") double bad,
                                            @ForAll @DoubleRange(min = 0, max = 1e6) double before) {
        Counter c = Counter.builder().name(fresh("c")).help("").register(registry);
        c.inc(before);
        assertThatThrownBy(() -> c.inc(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.get()).isEqualTo(before);
    }
}
