package io.mpmetrics.metrics;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port of the Python original's {@code TestSummary}, per backend. */
class SummaryTest {
    @TempDir
    Path dir;

    @EachBackend
    void countAndSum(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            long before = System.currentTimeMillis();
            Summary s = Summary.builder().name("s").help("help").register(t.registry);
            long after = System.currentTimeMillis();
            DataPoint.SummaryPoint p = t.point("s");
            assertThat(p.createdMillis()).isBetween(before - 1, after + 1);
            assertThat(p.count()).isZero();
            assertThat(p.sum()).isZero();
            s.observe(10);
            p = t.point("s");
            assertThat(p.count()).isEqualTo(1);
            assertThat(p.sum()).isEqualTo(10.0);
            // Scrapes in between must not lose or double anything.
            for (int i = 0; i < 5; i++) {
                s.observe(-2.5);
                assertThat(t.<DataPoint.SummaryPoint>point("s").count()).isEqualTo(2 + i);
            }
            p = t.point("s");
            assertThat(p.count()).isEqualTo(6);
            assertThat(p.sum()).isEqualTo(-2.5);
        }
    }

    @EachBackend
    void labelsAndReservedQuantile(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Summary s = Summary.builder().name("payload_bytes").unit("bytes").help("help").labelNames("route")
                    .register(t.registry);
            s.labelValues("/a").observe(100);
            s.labelValues("/b").observe(1);
            s.labelValues("/b").observe(2);
            DataPoint.SummaryPoint a = t.point("payload_bytes", "/a");
            DataPoint.SummaryPoint b = t.point("payload_bytes", "/b");
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.sum()).isEqualTo(100.0);
            assertThat(b.count()).isEqualTo(2);
            assertThat(b.sum()).isEqualTo(3.0);
            assertThatThrownBy(() -> Summary.builder().name("c").help("").labelNames("quantile").register(t.registry))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantile");
        }
    }
}
