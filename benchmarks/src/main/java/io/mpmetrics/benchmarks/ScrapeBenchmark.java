package io.mpmetrics.benchmarks;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one scrape ({@link MetricsRegistry#collect()}) of a file holding N counter series,
 * half registered by a child JVM and half by this one, read by a third registry that
 * registered nothing (as an exporter would).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class ScrapeBenchmark {
    @Param({"10000", "100000"})
    public int series;

    Path dir;
    MetricsRegistry writer;
    MetricsRegistry reader;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(Heap.defaultDirectory(), "scrape");
        Path file = dir.resolve("scrape.mpm");
        writer = MetricsRegistry.openOrCreate(file);
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Populate.class.getName(), file.toString(), "0",
                Integer.toString(series / 2)).inheritIO().start();
        populate(writer, series / 2, series);
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the child that registers half the series failed");
        }
        reader = MetricsRegistry.openExisting(file);
        List<MetricSnapshot> first = reader.collect();
        int seen = first.get(0).dataPoints().size();
        if (seen != series) {
            throw new IllegalStateException("expected " + series + " series, scraped " + seen);
        }
    }

    static void populate(MetricsRegistry registry, int from, int to) {
        Counter c = Counter.builder().name("scrape_requests").help("Requests by id").labelNames("id")
                .maxLabelSets(1_000_000).register(registry);
        for (int i = from; i < to; i++) {
            c.labelValues(Integer.toString(i)).inc(i);
        }
    }

    @Benchmark
    public List<MetricSnapshot> scrape() {
        return reader.collect();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        writer.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The child: registers series {@code [from, to)} in the file. */
    public static final class Populate {
        public static void main(String[] args) throws IOException {
            try (MetricsRegistry registry = MetricsRegistry.openOrCreate(Paths.get(args[0]))) {
                populate(registry, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            }
        }
    }
}
