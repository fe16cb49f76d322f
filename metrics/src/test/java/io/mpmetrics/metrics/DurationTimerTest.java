package io.mpmetrics.metrics;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port of the Python original's {@code test_time}: gauge, summary and histogram, per backend. */
class DurationTimerTest {
    private static final long SLEEP_MILLIS = 20;
    private static final double SLEEP_SECONDS = SLEEP_MILLIS / 1000.0;
    /** Generous: the machine is shared, but a 20 ms sleep never reads as a minute. */
    private static final double AT_MOST_SECONDS = 60;

    @TempDir
    Path dir;

    private static void sleep() {
        try {
            Thread.sleep(SLEEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @EachBackend
    void gaugeTimeSetsTheDuration(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Gauge g = Gauge.builder().name("m").help("help").register(t.registry);
            g.time(DurationTimerTest::sleep);
            double first = t.<DataPoint.GaugePoint>point("m").value();
            assertThat(first).isBetween(SLEEP_SECONDS, AT_MOST_SECONDS);
            // Set, not added: a short second run replaces the first.
            assertThat(g.time(() -> "result")).isEqualTo("result");
            assertThat(g.get()).isLessThan(first).isNotNegative();
            try (DurationTimer timer = g.startTimer()) {
                sleep();
            }
            assertThat(g.get()).isBetween(SLEEP_SECONDS, AT_MOST_SECONDS);
        }
    }

    @EachBackend
    void summaryTimeObservesTheDuration(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Summary s = Summary.builder().name("m").help("help").register(t.registry);
            s.time(DurationTimerTest::sleep);
            assertThat(s.time(() -> {
                sleep();
                return 42;
            })).isEqualTo(42);
            DataPoint.SummaryPoint p = t.point("m");
            assertThat(p.count()).isEqualTo(2);
            assertThat(p.sum()).isBetween(2 * SLEEP_SECONDS, AT_MOST_SECONDS);
        }
    }

    @EachBackend
    void histogramTimeObservesTheDurationInItsBucket(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Histogram h = Histogram.builder().name("m").help("help").buckets(SLEEP_SECONDS / 2, 3600)
                    .register(t.registry);
            h.time(DurationTimerTest::sleep);
            DataPoint.HistogramPoint p = t.point("m");
            assertThat(p.bucketCounts()).containsExactly(0, 1, 0);
            assertThat(p.sum()).isBetween(SLEEP_SECONDS, AT_MOST_SECONDS);
            // A failing body is still timed, and its exception passes through.
            assertThatThrownBy(() -> h.time(() -> {
                throw new IllegalStateException("fails");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(t.<DataPoint.HistogramPoint>point("m").count()).isEqualTo(2);
        }
    }

    @EachBackend
    void aTimerRecordsOnce(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Histogram h = Histogram.builder().name("m").help("help").buckets(1).register(t.registry);
            DurationTimer timer = h.startTimer();
            sleep();
            double elapsed = timer.observeDuration();
            assertThat(elapsed).isBetween(SLEEP_SECONDS, AT_MOST_SECONDS);
            timer.close();
            assertThat(timer.observeDuration()).isGreaterThanOrEqualTo(elapsed);
            DataPoint.HistogramPoint p = t.point("m");
            assertThat(p.count()).isEqualTo(1);
            assertThat(p.sum()).isEqualTo(elapsed);
        }
    }
}
