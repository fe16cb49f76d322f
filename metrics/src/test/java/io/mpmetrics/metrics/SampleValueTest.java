package io.mpmetrics.metrics;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MetricsRegistry#sampleValue}: one sample by its exposition name and labels, for every type. */
class SampleValueTest {
    @TempDir
    Path dir;

    @EachBackend
    void everyTypeBySampleName(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            MetricsRegistry r = t.registry;
            Counter requests = Counter.builder().name("requests_total").help("h").labelNames("method").register(r);
            requests.labelValues("GET").inc(3);
            Counter jobs = Counter.builder().name("jobs").help("h").register(r);
            jobs.inc();
            Gauge temp = Gauge.builder().name("temp").help("h").register(r);
            temp.set(-2.5);
            Summary size = Summary.builder().name("size_bytes").unit("bytes").help("h").register(r);
            size.observe(10);
            size.observe(5);
            Histogram latency = Histogram.builder().name("latency").help("h").buckets(0.1, 1).labelNames("path")
                    .register(r);
            latency.labelValues("/a").observe(0.05);
            latency.labelValues("/a").observe(0.5);
            latency.labelValues("/a").observe(7);
            StateSet phase = StateSet.builder().name("phase").help("h").states("idle", "busy").register(r);
            phase.state("busy");
            Info.builder().name("build_info").help("h").labelNames("version").register(r).labelValues("1.2");

            assertThat(r.sampleValue("requests_total", Map.of("method", "GET"))).hasValue(3);
            assertThat(r.sampleValue("requests_total", Map.of("method", "PUT"))).isEmpty();
            assertThat(r.sampleValue("requests_total")).as("labels must match exactly").isEmpty();
            assertThat(r.sampleValue("requests_total", Map.of("method", "GET", "x", "y"))).isEmpty();
            assertThat(r.sampleValue("requests", Map.of("method", "GET"))).as("a counter's sample is _total").isEmpty();
            assertThat(r.sampleValue("jobs_total")).hasValue(1);
            double created = r.sampleValue("jobs_created").orElseThrow();
            assertThat(created).isBetween(System.currentTimeMillis() / 1000.0 - 3600, System.currentTimeMillis() / 1000.0 + 1);
            assertThat(r.sampleValue("temp")).hasValue(-2.5);
            assertThat(r.sampleValue("temp_total")).isEmpty();
            assertThat(r.sampleValue("size_bytes_count")).hasValue(2);
            assertThat(r.sampleValue("size_bytes_sum")).hasValue(15);
            assertThat(r.sampleValue("size_bytes_bucket", Map.of("le", "+Inf"))).isEmpty();
            // Buckets are cumulative, as exposed; le compares as a number.
            assertThat(r.sampleValue("latency_bucket", Map.of("path", "/a", "le", "0.1"))).hasValue(1);
            assertThat(r.sampleValue("latency_bucket", Map.of("path", "/a", "le", "1.0"))).hasValue(2);
            assertThat(r.sampleValue("latency_bucket", Map.of("path", "/a", "le", "1"))).hasValue(2);
            assertThat(r.sampleValue("latency_bucket", Map.of("path", "/a", "le", "+Inf"))).hasValue(3);
            assertThat(r.sampleValue("latency_bucket", Map.of("path", "/a", "le", "0.5"))).isEmpty();
            assertThat(r.sampleValue("latency_bucket", Map.of("path", "/a", "le", "x"))).isEmpty();
            assertThat(r.sampleValue("latency_bucket", Map.of("path", "/a"))).isEmpty();
            assertThat(r.sampleValue("latency_count", Map.of("path", "/a"))).hasValue(3);
            assertThat(r.sampleValue("latency_sum", Map.of("path", "/a"))).hasValue(7.55);
            assertThat(r.sampleValue("phase", Map.of("phase", "busy"))).hasValue(1);
            assertThat(r.sampleValue("phase", Map.of("phase", "idle"))).hasValue(0);
            assertThat(r.sampleValue("phase", Map.of("phase", "gone"))).isEmpty();
            assertThat(r.sampleValue("build_info", Map.of("version", "1.2"))).hasValue(1);
            assertThat(r.sampleValue("build_info", Map.of("version", "1.3"))).isEmpty();
            assertThat(r.sampleValue("nothing_total")).isEmpty();
            assertThat(r.sampleValue("jobs_total", null)).hasValue(1);
        }
    }

    /** A reader that registered nothing (as a test harness or tool is) sees what another registry wrote. */
    @EachBackend
    void aReaderSeesAnotherRegistrysSamples(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            try (MetricsRegistry reader = MetricsRegistry.of(t.heap)) {
                assertThat(reader.sampleValue("late_total")).isEmpty();
                Counter.builder().name("late").help("h").register(t.registry).inc(4);
                OptionalDouble seen = reader.sampleValue("late_total");
                assertThat(seen).hasValue(4);
            }
        }
    }
}
