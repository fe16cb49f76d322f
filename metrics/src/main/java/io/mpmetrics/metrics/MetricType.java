package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.Series;

/** The kinds of metric a registry holds, with the id stored in files. */
public enum MetricType {
    /** A monotonically increasing total ({@link Counter}). */
    COUNTER(Series.COUNTER),
    /** A value that goes up and down ({@link Gauge}). */
    GAUGE(Series.GAUGE),
    /** A count and sum of observations ({@link Summary}). */
    SUMMARY(Series.SUMMARY),
    /** Observations counted in buckets ({@link Histogram}). */
    HISTOGRAM(Series.HISTOGRAM),
    /** The spec's {@code Enum}: one active state out of a fixed list (OpenMetrics StateSet). */
    STATESET(Series.STATESET),
    /** Constant labels with the value 1 ({@link Info}). */
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
