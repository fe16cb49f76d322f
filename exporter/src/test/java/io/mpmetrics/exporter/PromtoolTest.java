package io.mpmetrics.exporter;

import io.mpmetrics.exporter.Exposition.Format;
import io.mpmetrics.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promtool check metrics} (a parser plus the Prometheus naming lint) on the Prometheus text
 * format of a registry holding every metric type with labels, units and exemplars: it must
 * exit 0 and print nothing (a lint remark such as a missing help text or a non-base unit prints a
 * line and exits 3).
 *
 * <p>promtool's {@code check metrics} only parses the Prometheus text format 0.0.4 (it rejects
 * OpenMetrics exemplars and the stateset/info types); the OpenMetrics output is validated by a
 * real Prometheus server's OpenMetrics parser in {@link PrometheusScrapeTest}.
 */
class PromtoolTest {
    @TempDir
    Path dir;

    private static ExternalTool.Result promtool(byte[] exposition) throws Exception {
        Path promtool = ExternalTool.require(ExternalTool.PROMTOOL);
        return ExternalTool.run(List.of(promtool.toString(), "check", "metrics"), exposition, 60);
    }

    @ParameterizedTest(name = "created timestamps: {0}")
    @ValueSource(booleans = {false, true})
    void prometheusTextOfEveryTypeIsLintClean(boolean created) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(dir.resolve("every.mpm"))) {
            EveryType.populate(registry);
            Exposition.write(out, registry, Format.PROMETHEUS, created);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("http_requests_total", "request_latency_seconds_bucket", "payload_bytes_count",
                "worker_phase", "build_info", "room_temperature_celsius", "queue_depth");
        ExternalTool.Result r = promtool(out.toByteArray());
        assertThat(r.output()).as("promtool output for\n%s", text).isBlank();
        assertThat(r.exitCode()).as("promtool exit code; output: %s", r.output()).isZero();
    }

    /** The check above can fail: promtool's lint remarks are seen (exit code and text). */
    @Test
    void lintRemarksAreDetected() throws Exception {
        byte[] bad = ("# TYPE requests counter\nrequests 1\n").getBytes(StandardCharsets.UTF_8);
        ExternalTool.Result r = promtool(bad);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("requests");
    }
}
