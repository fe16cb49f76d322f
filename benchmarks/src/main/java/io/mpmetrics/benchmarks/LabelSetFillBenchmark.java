package io.mpmetrics.benchmarks;

import io.mpmetrics.metrics.Counter;
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
 * The overall rate of new label sets in one process: filling one fresh counter (in a new file)
 * with {@code labelSets} label sets, {@code labelValues(v).inc()} each, in one measured
 * invocation. {@code labelSets / score} is new label sets per millisecond.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class LabelSetFillBenchmark {
    @Param({"varhandle"})
    public String backend;

    @Param({"100000"})
    public int labelSets;

    BenchmarkRegistries registries;
    Counter counter;
    String[] values;

    @Setup(Level.Trial)
    public void warmUp() throws IOException {
        BenchmarkRegistries.warmUpNewLabelSets(backend);
    }

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        registries = new BenchmarkRegistries(backend);
        counter = Counter.builder().name("bench_fill").help("h").labelNames("id").maxLabelSets(labelSets)
                .register(registries.registry);
        values = new String[labelSets];
        for (int i = 0; i < labelSets; i++) {
            values[i] = "v" + i;
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        registries.close();
    }

    @Benchmark
    public Counter fill() {
        for (String v : values) {
            counter.labelValues(v).inc();
        }
        return counter;
    }
}
