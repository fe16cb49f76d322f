package io.mpmetrics.exporter;

import io.mpmetrics.metrics.MetricDefinition;
import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A Prometheus Java client 1.x {@link MultiCollector} over an mpmetrics {@link MetricsRegistry}:
 * every scrape reads every metric in the registry's file, whichever process registered or updated
 * it, and hands it to client_java as {@link MetricSnapshots}. Any client_java exporter then serves
 * them (its {@code HTTPServer}, servlet, pushgateway, OpenTelemetry bridge), in every format it
 * speaks.
 *
 * <pre>{@code
 * MetricsRegistry registry = MetricsRegistry.openOrCreate(Path.of("/dev/shm/mpmetrics-app/app.mpm"));
 * PrometheusRegistry.defaultRegistry.register(new MpmetricsCollector(registry));
 * // or: MpmetricsCollector.register(registry, PrometheusRegistry.defaultRegistry);
 *
 * // serve it with client_java's HTTP server (io.prometheus:prometheus-metrics-exporter-httpserver):
 * HTTPServer server = HTTPServer.builder().port(9400).buildAndStart();
 * }</pre>
 *
 * <p>Types map one to one (counter, gauge, summary without quantiles, classic histogram, state
 * set, info), with help, unit, labels, exemplars and created timestamps; see
 * {@code SnapshotConverter} for the details.
 *
 * <p>The file can gain metrics after this collector was registered (another process registers
 * one). {@link #getPrometheusNames()} and {@link #getMetricFamilyDescriptors()} describe the
 * metrics in the file at the time of the call: client_java checks them against its other
 * collectors when this collector is registered, and asks for the names again on each filtered
 * scrape. A metric that appears later under a name another collector already uses makes that
 * scrape fail with client_java's duplicate-name error.
 */
public final class MpmetricsCollector implements MultiCollector {
    private final MetricsRegistry registry;

    /** A collector over {@code registry} (which must stay open while the collector is used). */
    public MpmetricsCollector(MetricsRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Registers a new collector over {@code registry} with {@code prometheus} and returns it
     * (to {@link PrometheusRegistry#unregister(MultiCollector) unregister} it later).
     *
     * <pre>{@code
     * MpmetricsCollector.register(MetricsRegistry.defaultRegistry(), PrometheusRegistry.defaultRegistry);
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code prometheus} already has a metric named like one in
     *         the file
     */
    public static MpmetricsCollector register(MetricsRegistry registry, PrometheusRegistry prometheus) {
        MpmetricsCollector collector = new MpmetricsCollector(registry);
        prometheus.register(collector);
        return collector;
    }

    /** The registry this collector reads. */
    public MetricsRegistry registry() {
        return registry;
    }

    /**
     * Every metric in the file, as client_java snapshots.
     *
     * @throws IllegalStateException naming the metric if client_java refuses one of them
     */
    @Override
    public MetricSnapshots collect() {
        return collect(name -> true, null);
    }

    /** The metrics in the file whose Prometheus name {@code includedNames} accepts (null: all). */
    @Override
    public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest scrapeRequest) {
        List<MetricSnapshot> out = new ArrayList<>();
        for (io.mpmetrics.metrics.MetricSnapshot m : registry.collect()) {
            if (includedNames == null || includedNames.test(m.name())) {
                out.add(SnapshotConverter.convert(m));
            }
        }
        return new MetricSnapshots(out);
    }

    /**
     * Converts one mpmetrics snapshot (from {@link MetricsRegistry#collect()}) into the client_java
     * snapshot this collector would return for it.
     *
     * <pre>{@code
     * for (io.mpmetrics.metrics.MetricSnapshot m : registry.collect()) {
     *     io.prometheus.metrics.model.snapshots.MetricSnapshot p = MpmetricsCollector.toPrometheus(m);
     * }
     * }</pre>
     *
     * @throws IllegalStateException naming the metric if client_java refuses it
     */
    public static MetricSnapshot toPrometheus(io.mpmetrics.metrics.MetricSnapshot snapshot) {
        return SnapshotConverter.convert(Objects.requireNonNull(snapshot, "snapshot"));
    }

    /**
     * The names of the metrics in the file now. Deprecated in client_java 1.10 in favour of
     * {@link #getMetricFamilyDescriptors()}, but {@code PrometheusRegistry.scrape(filter)} still
     * asks for it on every filtered scrape and skips a collector none of whose names (these, or
     * the descriptors' from registration time) pass the filter: answering with the current names
     * keeps metrics that other processes added after registration in filtered scrapes.
     */
    @Override
    @SuppressWarnings("deprecation")
    public List<String> getPrometheusNames() {
        List<MetricDefinition> defs = registry.definitions();
        List<String> names = new ArrayList<>(defs.size());
        for (MetricDefinition d : defs) {
            names.add(d.name());
        }
        return names;
    }

    /**
     * Type, metadata and label names of each metric in the file now; client_java checks them
     * against its other collectors' when this collector is registered.
     */
    @Override
    public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
        List<MetricDefinition> defs = registry.definitions();
        List<MetricFamilyDescriptor> out = new ArrayList<>(defs.size());
        for (MetricDefinition d : defs) {
            out.add(MetricFamilyDescriptor.of(SnapshotConverter.type(d.type()), SnapshotConverter.metadata(d),
                    d.labelNames()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "MpmetricsCollector[" + registry + "]";
    }
}
