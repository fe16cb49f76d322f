package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.Series;

import java.util.List;

/**
 * Constant information as labels with the value 1, exposed as {@code NAME_info}: for build
 * versions and the like. Label sets are added, never removed.
 *
 * <pre>{@code
 * Info build = Info.builder().name("build").help("Build information").labelNames("version", "commit").register(registry);
 * build.labelValues("1.2.0", "a1b2c3");
 * }</pre>
 */
public final class Info extends Metric<Info.Child> {
    private Info(MetricsRegistry registry, MetricDefinition definition) {
        super(registry, definition);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Child newChild(Series series, List<String> labelValues) {
        return new Child(labelValues);
    }

    /** One label set of an info metric. */
    public static final class Child {
        private final List<String> labelValues;

        Child(List<String> labelValues) {
            this.labelValues = labelValues;
        }

        /** Its label values. */
        public List<String> labelValues() {
            return labelValues;
        }
    }

    /** Builds an {@link Info}. */
    public static final class Builder extends MetricBuilder<Builder, Info> {
        Builder() {
        }

        @Override
        public Info register(MetricsRegistry registry) {
            MetricDefinition def = new MetricDefinition(MetricType.INFO, baseName("_info"), help, unit, labelNames,
                    List.of(), List.of(), maxLabelSets);
            return new Info(registry, def);
        }
    }
}
