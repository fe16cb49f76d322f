package io.mpmetrics.benchmarks;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh heap file and registry for one benchmark trial, with a chosen backend. */
final class BenchmarkRegistries implements AutoCloseable {
    /** Histogram buckets used by our histograms and the client_java anchor alike. */
    static final double[] BUCKETS = {.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10};

    final Path dir;
    final Heap heap;
    final MetricsRegistry registry;

    BenchmarkRegistries(String backend) throws IOException {
        dir = Files.createTempDirectory(Heap.defaultDirectory(), "bench");
        heap = Heap.create(dir.resolve("bench.mpm"), Backends.named(backend), 1 << 20);
        registry = MetricsRegistry.of(heap);
    }

    /** Observation values spread over several buckets, precomputed so the benchmark allocates nothing. */
    static double[] observations() {
        double[] values = new double[1024];
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < values.length; i++) {
            values[i] = BUCKETS[random.nextInt(BUCKETS.length)] * random.nextDouble() * 1.2;
        }
        return values;
    }

    /**
     * Compiles the new-label-set path before it is measured: a single-shot measurement of a few
     * thousand new label sets would otherwise time the interpreter and the JIT.
     */
    static void warmUpNewLabelSets(String backend) throws IOException {
        // 10 small metrics, not one large one: the same work for code that is quadratic in the label sets.
        for (int round = 0; round < 10; round++) {
            try (BenchmarkRegistries scratch = new BenchmarkRegistries(backend)) {
                io.mpmetrics.metrics.Counter c = io.mpmetrics.metrics.Counter.builder().name("warm_up").help("h")
                        .labelNames("id").maxLabelSets(10_000).register(scratch.registry);
                for (int i = 0; i < 10_000; i++) {
                    c.labelValues(Integer.toString(i)).inc();
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        heap.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
