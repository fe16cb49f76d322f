package io.mpmetrics.exporter;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.Info;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;

import java.nio.file.Path;

/**
 * A registry holding every metric type with labels, units, help and exemplars, written the same
 * way in this JVM or in a child JVM ({@link #main}). Names are lint-clean for promtool (base
 * units, counters end in _total once exposed, help on everything).
 */
final class EveryType {
    static final String TRACE_A = "4bf92f3577b34da6";
    static final String TRACE_B = "00f067aa0ba902b7";
    static final String TRACE_C = "a3ce929d0e0e4736";
    static final String TRACE_D = "f8e3a1c9b7d54e21";

    private EveryType() {
    }

    /** Child JVM entry point: populates the registry in the file {@code args[0]}, prints DONE. */
    public static void main(String[] args) throws Exception {
        try (MetricsRegistry r = MetricsRegistry.openOrCreate(Path.of(args[0]))) {
            populate(r);
        }
        System.out.println("DONE");
    }

    /**
     * Fills {@code r}. Expected values:
     * <ul>
     * <li>http_requests{method,status}: GET/200 = 3.5 (exemplar 1.5 TRACE_A), POST/500 = 1</li>
     * <li>room_temperature_celsius{room}: lab = 21.5, hall = -3.25</li>
     * <li>payload_bytes{direction}: in = count 2, sum 1536</li>
     * <li>request_latency_seconds{route} buckets 0.1, 0.5, 1, +Inf: /a observed 0.05 (TRACE_B),
     * 0.1, 0.7 (TRACE_C), 3 (TRACE_D) → per bucket 2, 0, 1, 1, sum 3.85; /b observed 0.3 → 0, 1, 0, 0</li>
     * <li>worker_phase{worker}: w1 = running, w2 = starting (default)</li>
     * <li>build{version,commit}: 1.2.0/a1b2c3</li>
     * <li>queue_depth: no labels, 7</li>
     * </ul>
     */
    static void populate(MetricsRegistry r) {
        Counter requests = Counter.builder().name("http_requests").help("HTTP requests handled")
                .labelNames("method", "status").register(r);
        requests.labelValues("GET", "200").inc(2);
        requests.labelValues("GET", "200").incWithExemplar(1.5, "trace_id", TRACE_A);
        requests.labelValues("POST", "500").inc();

        Gauge temperature = Gauge.builder().name("room_temperature_celsius").unit("celsius")
                .help("Room temperature").labelNames("room").register(r);
        temperature.labelValues("lab").set(21.5);
        temperature.labelValues("hall").set(-3.25);

        Summary payload = Summary.builder().name("payload_bytes").unit("bytes").help("Payload sizes")
                .labelNames("direction").register(r);
        payload.labelValues("in").observe(512);
        payload.labelValues("in").observe(1024);

        Histogram latency = Histogram.builder().name("request_latency_seconds").unit("seconds")
                .help("Request latency").labelNames("route").buckets(0.1, 0.5, 1).register(r);
        latency.labelValues("/a").observeWithExemplar(0.05, "trace_id", TRACE_B);
        latency.labelValues("/a").observe(0.1);
        latency.labelValues("/a").observeWithExemplar(0.7, "trace_id", TRACE_C);
        latency.labelValues("/a").observeWithExemplar(3, "trace_id", TRACE_D);
        latency.labelValues("/b").observe(0.3);

        StateSet phase = StateSet.builder().name("worker_phase").help("Worker phase").labelNames("worker")
                .states("starting", "running", "stopping").register(r);
        phase.labelValues("w1").state("running");
        phase.labelValues("w2");

        Info build = Info.builder().name("build").help("Build information").labelNames("version", "commit")
                .register(r);
        build.labelValues("1.2.0", "a1b2c3");

        Gauge depth = Gauge.builder().name("queue_depth").help("Jobs waiting").register(r);
        depth.set(7);
    }
}
