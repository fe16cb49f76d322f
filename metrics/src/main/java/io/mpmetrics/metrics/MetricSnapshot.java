package io.mpmetrics.metrics;

import java.util.List;

/**
 * One metric and all its series at scrape time: immutable.
 *
 * <pre>{@code
 * List<MetricSnapshot> all = registry.collect();
 * }</pre>
 *
 * @param definition what the metric is (type, name, help, unit, labels, buckets, states)
 * @param dataPoints one per series, in creation order
 */
public record MetricSnapshot(MetricDefinition definition, List<DataPoint> dataPoints) {
    /** Copies the data points, so that the snapshot stays immutable. */
    public MetricSnapshot {
        dataPoints = List.copyOf(dataPoints);
    }

    /** The metric's name. */
    public String name() {
        return definition.name();
    }

    /** The metric's type. */
    public MetricType type() {
        return definition.type();
    }
}
