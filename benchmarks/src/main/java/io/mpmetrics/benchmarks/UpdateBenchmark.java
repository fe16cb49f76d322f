package io.mpmetrics.benchmarks;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.Summary;
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
import java.util.concurrent.TimeUnit;

/**
 * The update paths of our metrics, for each backend; run with {@code -t 1} and {@code -t 2}
 * (all threads update the same series). Compare with {@link AnchorBenchmark} in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class UpdateBenchmark {
    @Param({"varhandle", "unsafe", "locking"})
    public String backend;

    BenchmarkRegistries registries;
    Counter counter;
    Counter.Child labelled;
    Counter labelledCounter;
    Gauge gauge;
    Histogram histogram;
    Summary summary;

    /** Per-thread position in the precomputed observations. */
    @State(Scope.Thread)
    public static class Values {
        final double[] values = BenchmarkRegistries.observations();
        int next;

        double next() {
            return values[next++ & (values.length - 1)];
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        registries = new BenchmarkRegistries(backend);
        counter = Counter.builder().name("bench_requests").help("h").register(registries.registry);
        labelledCounter = Counter.builder().name("bench_labelled").help("h").labelNames("x", "y")
                .register(registries.registry);
        labelled = labelledCounter.labelValues("a", "b");
        gauge = Gauge.builder().name("bench_gauge").help("h").register(registries.registry);
        histogram = Histogram.builder().name("bench_latency").help("h").buckets(BenchmarkRegistries.BUCKETS)
                .register(registries.registry);
        summary = Summary.builder().name("bench_summary").help("h").register(registries.registry);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        registries.close();
    }

    @Benchmark
    public void counterInc() {
        counter.inc();
    }

    @Benchmark
    public void counterLabelValuesInc() {
        labelledCounter.labelValues("a", "b").inc();
    }

    @Benchmark
    public void gaugeInc() {
        gauge.inc();
    }

    @Benchmark
    public void gaugeSet(Values v) {
        gauge.set(v.next());
    }

    @Benchmark
    public void histogramObserve(Values v) {
        histogram.observe(v.next());
    }

    @Benchmark
    public void summaryObserve(Values v) {
        summary.observe(v.next());
    }
}
