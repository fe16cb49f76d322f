package io.mpmetrics.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Info: constant label sets with the value 1 (the Python original has none). */
class InfoTest {
    @TempDir
    Path dir;

    @EachBackend
    void labelSetsAreRecorded(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Info build = Info.builder().name("build_info").help("Build").labelNames("version", "commit")
                    .register(t.registry);
            assertThat(build.name()).isEqualTo("build");
            assertThat(t.metric("build").dataPoints()).isEmpty();
            Info.Child child = build.labelValues("1.2.0", "a1b2c3");
            assertThat(child.labelValues()).containsExactly("1.2.0", "a1b2c3");
            assertThat(build.labelValues("1.2.0", "a1b2c3")).isSameAs(child);
            build.labelValues("1.3.0", "d4e5f6");
            MetricSnapshot m = t.metric("build");
            assertThat(m.type()).isEqualTo(MetricType.INFO);
            assertThat(m.dataPoints()).hasOnlyElementsOfType(DataPoint.InfoPoint.class)
                    .extracting(DataPoint::labelValues)
                    .containsExactly(java.util.List.of("1.2.0", "a1b2c3"), java.util.List.of("1.3.0", "d4e5f6"));
            assertThatThrownBy(() -> build.labelValues("only-one")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void withoutLabelsItHasOneSeries() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            Info.builder().name("target").help("h").register(t.registry);
            assertThat(t.metric("target").dataPoints()).singleElement().isInstanceOf(DataPoint.InfoPoint.class)
                    .extracting(DataPoint::labelValues).asList().isEmpty();
        }
    }

    @Test
    void anInfoHasNoUnit() throws IOException {
        // OpenMetrics (and client_java's InfoSnapshot) refuse a unit on an info metric.
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            assertThatThrownBy(() -> Info.builder().name("build_seconds").unit("seconds").help("h")
                    .register(t.registry)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit");
        }
    }
}
