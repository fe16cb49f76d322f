package io.mpmetrics.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port of the Python original's {@code TestHistogram}, per backend. */
class HistogramTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @TempDir
    Path dir;

    /** The cumulative {@code _bucket{le="le"}} value. */
    private static long bucket(DataPoint.HistogramPoint p, double[] bounds, double le) {
        int i = Arrays.binarySearch(bounds, le);
        assertThat(i).as("bucket %s in %s", le, Arrays.toString(bounds)).isNotNegative();
        return TestRegistry.cumulative(p)[i];
    }

    @EachBackend
    void defaultBucketsPlacementSumAndExemplars(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            long before = System.currentTimeMillis();
            Histogram h = Histogram.builder().name("h").help("help").register(t.registry);
            double[] b = h.upperBounds();
            assertThat(b).hasSize(Histogram.DEFAULT_BUCKETS.length + 1);
            assertThat(b[b.length - 1]).isEqualTo(INF);

            DataPoint.HistogramPoint p = t.point("h");
            assertThat(p.createdMillis()).isGreaterThanOrEqualTo(before - 1);
            for (double le : new double[] {1.0, 2.5, 5.0, INF}) {
                assertThat(bucket(p, b, le)).isZero();
            }
            assertThat(p.count()).isZero();
            assertThat(p.sum()).isZero();
            assertThat(p.exemplars()).hasSize(b.length).containsOnlyNulls();

            long t0 = System.currentTimeMillis();
            h.observeWithExemplar(2, "foo", "bar");
            long t1 = System.currentTimeMillis();
            p = t.point("h");
            assertThat(bucket(p, b, 1.0)).isZero();
            assertThat(bucket(p, b, 2.5)).isEqualTo(1);
            assertThat(bucket(p, b, 5.0)).isEqualTo(1);
            assertThat(bucket(p, b, INF)).isEqualTo(1);
            assertThat(p.count()).isEqualTo(1);
            assertThat(p.sum()).isEqualTo(2.0);
            int at25 = Arrays.binarySearch(b, 2.5);
            Exemplar e = p.exemplars().get(at25);
            assertThat(e.labelPairs()).containsExactly("foo", "bar");
            assertThat(e.value()).isEqualTo(2.0);
            assertThat(e.timestampMillis()).isBetween(t0, t1);
            for (int i = 0; i < b.length; i++) {
                if (i != at25) {
                    assertThat(p.exemplars().get(i)).as("exemplar of bucket %s", b[i]).isNull();
                }
            }

            // A value equal to a bound belongs to that bucket (le = "less or equal").
            h.observeWithExemplar(2.5, "foo", "baz");
            p = t.point("h");
            assertThat(bucket(p, b, 1.0)).isZero();
            assertThat(bucket(p, b, 2.5)).isEqualTo(2);
            assertThat(bucket(p, b, 5.0)).isEqualTo(2);
            assertThat(bucket(p, b, INF)).isEqualTo(2);
            assertThat(p.count()).isEqualTo(2);
            assertThat(p.sum()).isEqualTo(4.5);
            assertThat(p.exemplars().get(at25).labelPairs()).containsExactly("foo", "baz");
            assertThat(p.exemplars().get(at25).value()).isEqualTo(2.5);

            h.observe(INF);
            p = t.point("h");
            assertThat(bucket(p, b, 1.0)).isZero();
            assertThat(bucket(p, b, 2.5)).isEqualTo(2);
            assertThat(bucket(p, b, 5.0)).isEqualTo(2);
            assertThat(bucket(p, b, INF)).isEqualTo(3);
            assertThat(p.bucketCounts()[b.length - 1]).isEqualTo(1);
            assertThat(p.count()).isEqualTo(3);
            assertThat(p.sum()).isEqualTo(INF);
        }
    }

    @EachBackend
    void everyBoundTakesItsOwnValueAndTheNextUp(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Histogram h = Histogram.builder().name("h").help("help").buckets(-1, 0, 1, 2, 4).register(t.registry);
            double[] b = h.upperBounds();
            assertThat(b).containsExactly(-1, 0, 1, 2, 4, INF);
            for (int i = 0; i < b.length - 1; i++) {
                h.observe(b[i]);                       // exactly on the bound: bucket i
                h.observe(Math.nextUp(b[i]));          // just above: bucket i + 1
            }
            h.observe(Double.NEGATIVE_INFINITY);       // lowest bucket
            h.observe(-0.0);                           // -0.0 <= 0: the le="0" bucket
            DataPoint.HistogramPoint p = t.point("h");
            assertThat(p.bucketCounts()).containsExactly(2, 3, 2, 2, 2, 1);
            assertThat(p.count()).isEqualTo(12);
            assertThat(p.sum()).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @EachBackend
    void exemplarsAreKeptPerBucket(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Histogram h = Histogram.builder().name("h").help("help").buckets(1, 2).register(t.registry);
            h.observeWithExemplar(0.5, "trace_id", "low");
            h.observeWithExemplar(1.5, "trace_id", "mid");
            h.observeWithExemplar(1000, "trace_id", "high");
            h.observe(0.7); // no exemplar: keeps the bucket's previous one
            DataPoint.HistogramPoint p = t.point("h");
            assertThat(p.exemplars()).extracting(Exemplar::value).containsExactly(0.5, 1.5, 1000.0);
            assertThat(p.exemplars()).extracting(e -> e.labelPairs().get(1)).containsExactly("low", "mid", "high");
            assertThat(p.bucketCounts()).containsExactly(2, 1, 1);
            assertThat(p.sum()).isEqualTo(1002.7);
        }
    }

    @Test
    void settingBuckets() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            assertThat(Histogram.builder().name("h1").help("help").buckets(0, 1, 2).register(t.registry)
                    .upperBounds()).containsExactly(0, 1, 2, INF);
            assertThat(Histogram.builder().name("h2").help("help").buckets(0, 1, 2, INF).register(t.registry)
                    .upperBounds()).containsExactly(0, 1, 2, INF);
            double[][] bad = {{}, {INF}, {3, 1}, {1, 1}, {1, Double.NaN}, {Double.NaN}, {1, INF, INF}, {2, INF, 3}};
            for (double[] buckets : bad) {
                assertThatThrownBy(() -> Histogram.builder().name("h3").help("help").buckets(buckets)
                        .register(t.registry)).as(Arrays.toString(buckets))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("h3");
            }
            // Nothing was recorded for the refused ones.
            assertThat(t.registry.definitions()).extracting(MetricDefinition::name).containsExactly("h1", "h2");
        }
    }

    @Test
    void bucketsArrayIsCopied() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            double[] mine = {1, 2};
            Histogram.Builder builder = Histogram.builder().name("h").help("help").buckets(mine);
            mine[0] = 5;
            Histogram h = builder.register(t.registry);
            assertThat(h.upperBounds()).containsExactly(1, 2, INF);
            h.upperBounds()[0] = 7;
            assertThat(h.upperBounds()).containsExactly(1, 2, INF);
        }
    }

    @Test
    void leIsReserved() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            assertThatThrownBy(() -> Histogram.builder().name("h").help("help").labelNames("le").register(t.registry))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("le");
            assertThatThrownBy(() -> Histogram.builder().name("h").help("help").labelNames("path", "le")
                    .register(t.registry)).isInstanceOf(IllegalArgumentException.class);
            // Only for histograms: a counter may have an "le" label.
            Counter.builder().name("c").help("help").labelNames("le").register(t.registry);
        }
    }

    @EachBackend
    void labels(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Histogram h = Histogram.builder().name("h").help("help").labelNames("l").register(t.registry);
            h.labelValues("a").observe(2);
            double[] b = h.upperBounds();
            DataPoint.HistogramPoint p = t.point("h", "a");
            assertThat(bucket(p, b, 1.0)).isZero();
            assertThat(bucket(p, b, 2.5)).isEqualTo(1);
            assertThat(bucket(p, b, 5.0)).isEqualTo(1);
            assertThat(bucket(p, b, INF)).isEqualTo(1);
            assertThat(p.count()).isEqualTo(1);
            assertThat(p.sum()).isEqualTo(2.0);
            assertThat(t.metric("h").dataPoints()).hasSize(1);
            h.labelValues("b").observe(0.001);
            assertThat(t.metric("h").dataPoints()).hasSize(2);
            assertThat(t.<DataPoint.HistogramPoint>point("h", "b").bucketCounts()[0]).isEqualTo(1);
        }
    }

    @Test
    void emptyLabelListIsAnUnlabelledHistogram() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            Histogram h = Histogram.builder().name("h").help("help").labelNames().register(t.registry);
            assertThat(t.<DataPoint.HistogramPoint>point("h").count()).isZero();
            h.observe(1);
            assertThat(t.<DataPoint.HistogramPoint>point("h").count()).isEqualTo(1);
        }
    }
}
