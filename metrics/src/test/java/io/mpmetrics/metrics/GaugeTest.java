package io.mpmetrics.metrics;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port of the Python original's {@code TestGauge}, per backend. */
class GaugeTest {
    @TempDir
    Path dir;

    @EachBackend
    void incDecSet(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Gauge g = Gauge.builder().name("g").help("help").register(t.registry);
            assertThat(t.<DataPoint.GaugePoint>point("g").value()).isZero();
            g.inc();
            assertThat(t.<DataPoint.GaugePoint>point("g").value()).isEqualTo(1.0);
            g.dec(3);
            assertThat(t.<DataPoint.GaugePoint>point("g").value()).isEqualTo(-2.0);
            g.set(9);
            assertThat(t.<DataPoint.GaugePoint>point("g").value()).isEqualTo(9.0);
            g.inc(0.25);
            g.dec();
            assertThat(g.get()).isEqualTo(8.25);
            g.set(-1.5e300);
            assertThat(t.<DataPoint.GaugePoint>point("g").value()).isEqualTo(-1.5e300);
            g.set(Double.NaN);
            assertThat(g.get()).isNaN();
        }
    }

    @EachBackend
    void setToCurrentTime(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Gauge g = Gauge.builder().name("last_run_seconds").unit("seconds").help("help").register(t.registry);
            double before = System.currentTimeMillis() / 1000.0;
            g.setToCurrentTime();
            double after = System.currentTimeMillis() / 1000.0;
            assertThat(t.<DataPoint.GaugePoint>point("last_run_seconds").value()).isBetween(before, after);
        }
    }

    @EachBackend
    void trackInProgressNests(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Gauge g = Gauge.builder().name("g").help("help").register(t.registry);
            try (Gauge.InProgress outer = g.trackInProgress()) {
                assertThat(t.<DataPoint.GaugePoint>point("g").value()).isEqualTo(1.0);
                assertThatThrownBy(() -> {
                    try (Gauge.InProgress inner = g.trackInProgress()) {
                        assertThat(t.<DataPoint.GaugePoint>point("g").value()).isEqualTo(2.0);
                        throw new IllegalStateException("fails inside");
                    }
                }).isInstanceOf(IllegalStateException.class);
                assertThat(t.<DataPoint.GaugePoint>point("g").value()).isEqualTo(1.0);
                // Closing a handle twice takes off only its own increment.
                outer.close();
                assertThat(g.get()).isZero();
            }
            assertThat(t.<DataPoint.GaugePoint>point("g").value()).isZero();
        }
    }

    @EachBackend
    void childrenPerLabelSet(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Gauge g = Gauge.builder().name("queue_depth").help("help").labelNames("queue").register(t.registry);
            g.labelValues("a").set(3);
            try (Gauge.InProgress p = g.labelValues("b").trackInProgress()) {
                assertThat(t.<DataPoint.GaugePoint>point("queue_depth", "b").value()).isEqualTo(1.0);
            }
            g.labelValues("b").dec(2);
            assertThat(t.<DataPoint.GaugePoint>point("queue_depth", "a").value()).isEqualTo(3.0);
            assertThat(t.<DataPoint.GaugePoint>point("queue_depth", "b").value()).isEqualTo(-2.0);
        }
    }
}
