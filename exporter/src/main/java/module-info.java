/**
 * mpmetrics exporter: a bridge from an {@link io.mpmetrics.metrics.MetricsRegistry} into the
 * Prometheus Java client 1.x ({@link io.mpmetrics.exporter.MpmetricsCollector}), and helpers that
 * write a registry in the Prometheus text, OpenMetrics and protobuf formats with the client's own
 * exposition writers ({@link io.mpmetrics.exporter.Exposition}).
 *
 * <p>The Prometheus client jars are automatic modules: {@code io.prometheus.metrics.model} (with
 * {@code io.prometheus.metrics.config}) and {@code io.prometheus.writer.text} (the
 * {@code prometheus-metrics-exposition-textformats} jar).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.mpmetrics.exporter {
    requires transitive io.mpmetrics.metrics;
    requires transitive io.prometheus.metrics.model;
    requires transitive io.prometheus.writer.text;

    exports io.mpmetrics.exporter;
}
