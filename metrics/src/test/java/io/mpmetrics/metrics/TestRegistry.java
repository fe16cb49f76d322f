package io.mpmetrics.metrics;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.spi.Backends;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A registry over a fresh heap file with a chosen backend (no {@code -Dmpmetrics.backend}),
 * plus lookups into its scrapes.
 *
 * <pre>{@code
 * try (TestRegistry t = TestRegistry.create(tempDir, "locking")) {
 *     Counter c = Counter.builder().name("c").help("h").register(t.registry);
 *     c.inc();
 *     DataPoint.CounterPoint p = t.point("c");
 * }
 * }</pre>
 */
final class TestRegistry implements AutoCloseable {
    /** The chunk size of test heaps. */
    static final long MAP_SIZE = 64 * 1024;

    final String backend;
    final Heap heap;
    final MetricsRegistry registry;

    private TestRegistry(String backend, Heap heap) {
        this.backend = backend;
        this.heap = heap;
        this.registry = MetricsRegistry.of(heap);
    }

    /** A registry in a new file under {@code dir} using the backend called {@code backend}. */
    static TestRegistry create(Path dir, String backend) throws IOException {
        Heap heap = Heap.create(dir.resolve(backend + "-" + System.nanoTime() + ".mpm"), Backends.named(backend),
                MAP_SIZE);
        try {
            return new TestRegistry(backend, heap);
        } catch (RuntimeException e) {
            heap.close();
            throw e;
        }
    }

    /** The scrape of the metric called {@code name} (as stored, i.e. without {@code _total}). */
    MetricSnapshot metric(String name) {
        return metric(registry.collect(), name);
    }

    static MetricSnapshot metric(List<MetricSnapshot> scrape, String name) {
        for (MetricSnapshot m : scrape) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + name + " in " + scrape);
    }

    /** The data point of {@code name} with exactly these label values. */
    @SuppressWarnings("unchecked")
    <P extends DataPoint> P point(String name, String... labelValues) {
        return (P) point(metric(name), labelValues);
    }

    static DataPoint point(MetricSnapshot metric, String... labelValues) {
        List<String> wanted = Arrays.asList(labelValues);
        for (DataPoint p : metric.dataPoints()) {
            if (p.labelValues().equals(wanted)) {
                return p;
            }
        }
        throw new AssertionError("no series " + wanted + " of " + metric.name() + " in " + metric.dataPoints());
    }

    /** Prometheus-style cumulative bucket counts ({@code _bucket{le=..}}) of a histogram point. */
    static long[] cumulative(DataPoint.HistogramPoint p) {
        long[] counts = p.bucketCounts();
        for (int i = 1; i < counts.length; i++) {
            counts[i] += counts[i - 1];
        }
        return counts;
    }

    @Override
    public void close() throws IOException {
        registry.close();
        heap.close();
    }
}
