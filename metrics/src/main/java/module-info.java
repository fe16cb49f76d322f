/**
 * mpmetrics metrics: Counter, Gauge, Summary, Histogram, StateSet and Info whose values live in
 * a heap file shared by several JVM processes, and the {@link io.mpmetrics.metrics.MetricsRegistry}
 * that names them.
 */
module io.mpmetrics.metrics {
    requires transitive io.mpmetrics.api;

    exports io.mpmetrics.metrics;
}
