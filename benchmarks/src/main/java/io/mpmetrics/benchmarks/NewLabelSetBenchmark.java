package io.mpmetrics.benchmarks;

import io.mpmetrics.metrics.Counter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * The cost of a <em>new</em> label set ({@code counter.labelValues(v).inc()} for a {@code v}
 * never seen before: the per-process child table, the shared directory record, the series
 * block) on a counter that already has {@code existing} label sets. Each measured invocation
 * adds {@value #BATCH} new label sets to a counter freshly filled with {@code existing} ones
 * (in a new file), so the figure is per label set at that size and does not drift as the run
 * adds more. {@code 1e9 / score} is new label sets per second.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class NewLabelSetBenchmark {
    /** New label sets per measured invocation. */
    static final int BATCH = 1_000;

    @Param({"varhandle"})
    public String backend;

    /** Label sets the counter has before the batch. */
    @Param({"10", "100000"})
    public int existing;

    BenchmarkRegistries registries;
    Counter counter;
    String[] fresh;

    @Setup(Level.Trial)
    public void warmUp() throws IOException {
        BenchmarkRegistries.warmUpNewLabelSets(backend);
    }

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        registries = new BenchmarkRegistries(backend);
        counter = Counter.builder().name("bench_label_sets").help("h").labelNames("id")
                .maxLabelSets(existing + BATCH).register(registries.registry);
        for (int i = 0; i < existing; i++) {
            counter.labelValues("e" + i).inc();
        }
        fresh = new String[BATCH];
        for (int i = 0; i < BATCH; i++) {
            fresh[i] = "n" + i;
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        registries.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void newLabelSet() {
        for (String v : fresh) {
            counter.labelValues(v).inc();
        }
    }
}
