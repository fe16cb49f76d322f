package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.Series;

/** The kinds of metric a registry holds, with the id stored in files. */
public enum MetricType {
    COUNTER(Series.COUNTER),
    GAUGE(Series.GAUGE),
    SUMMARY(Series.SUMMARY),
    HISTOGRAM(Series.HISTOGRAM),
    /** The spec's {@code Enum}: one active state out of a fixed list (OpenMetrics StateSet). */
    STATESET(Series.STATESET),
    INFO(Series.INFO);

    private final int id;

    MetricType(int id) {
        this.id = id;
    }

    /** The id stored in series headers and directory records. */
    public int id() {
        return id;
    }

    /** The type with {@code id}, or null. */
    public static MetricType ofId(int id) {
        for (MetricType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
