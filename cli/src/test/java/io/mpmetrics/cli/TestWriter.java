package io.mpmetrics.cli;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.Info;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;

import java.nio.file.Path;

/**
 * A short-lived writer process for the serve and dump tests: registers metrics in a file, sets
 * known values, prints {@code WROTE} and exits, so that what a later command shows comes from a
 * process that is gone.
 *
 * <pre>
 * java -cp ... io.mpmetrics.cli.TestWriter FILE all     # one metric of every type, known values
 * java -cp ... io.mpmetrics.cli.TestWriter FILE late    # one more counter, e2e_late_total 7
 * </pre>
 */
public final class TestWriter {
    private TestWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(file)) {
            switch (args[1]) {
                case "all":
                    all(registry);
                    break;
                case "late":
                    Counter.builder().name("e2e_late").help("Registered by a later writer").register(registry).inc(7);
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + args[1]);
            }
        }
        System.out.println("WROTE " + args[1]);
    }

    private static void all(MetricsRegistry registry) {
        Counter jobs = Counter.builder().name("e2e_jobs").help("Jobs done").labelNames("queue").register(registry);
        jobs.labelValues("a").inc();
        jobs.labelValues("a").inc(2);
        jobs.labelValues("b").incWithExemplar(1.5, "trace_id", "abc123");
        Gauge.builder().name("e2e_temperature_celsius").unit("celsius").help("A gauge").register(registry).set(-4.25);
        Histogram latency = Histogram.builder().name("e2e_latency_seconds").unit("seconds").help("A histogram")
                .buckets(0.1, 1).register(registry);
        latency.observe(0.05);
        latency.observeWithExemplar(0.5, "trace_id", "def456");
        latency.observe(5);
        Summary payload = Summary.builder().name("e2e_payload_bytes").unit("bytes").help("A summary").register(registry);
        payload.observe(100);
        payload.observe(300);
        StateSet.builder().name("e2e_mode").help("A state set").states("idle", "busy").register(registry).state("busy");
        Info.builder().name("e2e_version").help("An info").labelNames("version").register(registry)
                .labelValues("1.2.3");
    }
}
