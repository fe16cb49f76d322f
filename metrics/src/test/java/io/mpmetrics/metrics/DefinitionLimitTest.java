package io.mpmetrics.metrics;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The label-set limit is part of the metric's definition in the file, shared by every process. */
class DefinitionLimitTest {
    @TempDir
    Path dir;

    @EachBackend
    void theFirstRegistrationRecordsTheLimitAndAnotherIsRefused(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter.builder().name("hits").help("h").labelNames("path").maxLabelSets(2).register(t.registry);
            assertThat(t.registry.definitions()).singleElement().extracting(MetricDefinition::maxLabelSets)
                    .isEqualTo(2);
            // Another registry on the file, as another process has, reads the limit from the file.
            try (MetricsRegistry other = MetricsRegistry.of(t.heap)) {
                assertThat(other.definitions()).singleElement().extracting(MetricDefinition::maxLabelSets)
                        .isEqualTo(2);
                assertThatThrownBy(() -> Counter.builder().name("hits").help("h").labelNames("path").register(other))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hits")
                        .hasMessageContaining("maxLabelSets=2");
                assertThatThrownBy(() -> Counter.builder().name("hits").help("h").labelNames("path")
                        .maxLabelSets(3).register(other)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("maxLabelSets=3");
                Counter same = Counter.builder().name("hits").help("h").labelNames("path").maxLabelSets(2)
                        .register(other);
                same.labelValues("/a").inc();
            }
            Counter mine = Counter.builder().name("hits").help("h").labelNames("path").maxLabelSets(2)
                    .register(t.registry);
            mine.labelValues("/b").inc();
            // Two label sets, made by two registries: the third is refused in either.
            assertThatThrownBy(() -> mine.labelValues("/c")).isInstanceOf(CardinalityLimitException.class)
                    .hasMessageContaining("limit 2");
            assertThat(mine.labelValues("/a").get()).isEqualTo(1);
        }
    }

    @EachBackend
    void theDefaultLimitIsRecordedToo(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Gauge.builder().name("g").help("h").register(t.registry);
            assertThat(t.registry.definitions()).singleElement().extracting(MetricDefinition::maxLabelSets)
                    .isEqualTo(MetricBuilder.DEFAULT_MAX_LABEL_SETS);
            assertThatThrownBy(() -> Gauge.builder().name("g").help("h").maxLabelSets(5).register(t.registry))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
