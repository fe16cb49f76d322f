package io.mpmetrics.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The anchors our update paths are compared with: the hardware ({@link AtomicLong},
 * {@link LongAdder}) and the Prometheus Java client 1.10 ({@code Counter.inc()}, classic-only
 * {@code Histogram.observe} with the same buckets).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AnchorBenchmark {
    final AtomicLong atomicLong = new AtomicLong();
    final LongAdder longAdder = new LongAdder();
    io.prometheus.metrics.core.metrics.Counter clientCounter;
    io.prometheus.metrics.core.metrics.Histogram clientHistogram;

    @Setup
    public void setUp() {
        // Not registered anywhere: registration does not change the update path.
        clientCounter = io.prometheus.metrics.core.metrics.Counter.builder().name("anchor_requests").help("h").build();
        clientHistogram = io.prometheus.metrics.core.metrics.Histogram.builder().name("anchor_latency").help("h")
                .classicOnly().classicUpperBounds(BenchmarkRegistries.BUCKETS).build();
    }

    @Benchmark
    public long atomicLongGetAndAdd() {
        return atomicLong.getAndAdd(1);
    }

    @Benchmark
    public void longAdderIncrement() {
        longAdder.increment();
    }

    @Benchmark
    public void clientJavaCounterInc() {
        clientCounter.inc();
    }

    @Benchmark
    public void clientJavaHistogramObserve(UpdateBenchmark.Values v) {
        clientHistogram.observe(v.next());
    }
}
