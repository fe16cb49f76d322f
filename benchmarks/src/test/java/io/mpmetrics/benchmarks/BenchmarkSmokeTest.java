package io.mpmetrics.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's smoke run of the benchmarks: every update benchmark of one backend and the anchors run
 * in-process for a fraction of a second each, the label-set benchmarks once on small sizes, so
 * a broken benchmark fails the build. Real
 * figures come from {@code benchmarks/run.sh} (see BENCHMARKS.md), never from this test.
 */
@Timeout(600)
class BenchmarkSmokeTest {
    @Test
    void benchmarksRun() throws Exception {
        Options options = new OptionsBuilder()
                .include(UpdateBenchmark.class.getSimpleName())
                .include(AnchorBenchmark.class.getSimpleName())
                .param("backend", "varhandle")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(10);
        for (RunResult r : results) {
            assertThat(r.getPrimaryResult().getScore()).as(r.getParams().getBenchmark()).isPositive();
        }
    }

    @Test
    void labelSetBenchmarksRun() throws Exception {
        Options options = new OptionsBuilder()
                .include(NewLabelSetBenchmark.class.getSimpleName())
                .include(LabelSetFillBenchmark.class.getSimpleName())
                .param("backend", "varhandle")
                .param("existing", "10")
                .param("labelSets", "1000")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(2);
        for (RunResult r : results) {
            assertThat(r.getPrimaryResult().getScore()).as(r.getParams().getBenchmark()).isPositive();
        }
    }

    @Test
    void multiProcessHarnessRunsAndTotalsAreExact() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(captured, true, "UTF-8"));
        try {
            MultiProcessRun.main(new String[] {"20000"});
        } finally {
            System.setOut(old);
        }
        String out = captured.toString("UTF-8");
        System.out.print(out);
        assertThat(out).doesNotContain("NO:");
        assertThat(out.lines().filter(l -> l.trim().endsWith("yes"))).hasSize(4);
    }
}
