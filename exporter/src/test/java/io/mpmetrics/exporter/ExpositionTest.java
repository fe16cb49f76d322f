package io.mpmetrics.exporter;

import io.mpmetrics.exporter.Exposition.Format;
import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExpositionTest {
    @TempDir
    Path dir;

    private MetricsRegistry registry;
    private long before;
    private long after;

    @BeforeEach
    void populate() throws Exception {
        registry = MetricsRegistry.openOrCreate(dir.resolve("every.mpm"));
        before = System.currentTimeMillis();
        EveryType.populate(registry);
        after = System.currentTimeMillis();
    }

    @AfterEach
    void close() throws Exception {
        registry.close();
    }

    private String text(Format format, boolean created) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exposition.write(out, registry, format, created);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Histogram le series of route /a are cumulative and +Inf equals _count. */
    private static void assertCumulativeBuckets(Exposed e) {
        String[] les = {"0.1", "0.5", "1.0", "+Inf"};
        long[] expected = {2, 2, 3, 4};
        long previous = 0;
        for (int i = 0; i < les.length; i++) {
            long v = Long.parseLong(e.value("request_latency_seconds_bucket{route=\"/a\",le=\"" + les[i] + "\"}"));
            assertThat(v).as("le=%s", les[i]).isEqualTo(expected[i]).isGreaterThanOrEqualTo(previous);
            previous = v;
        }
        assertThat(e.value("request_latency_seconds_count{route=\"/a\"}"))
                .isEqualTo(e.value("request_latency_seconds_bucket{route=\"/a\",le=\"+Inf\"}"));
        assertThat(e.number("request_latency_seconds_sum{route=\"/a\"}")).isCloseTo(3.85, within(1e-12));
        assertThat(e.value("request_latency_seconds_bucket{route=\"/b\",le=\"0.1\"}")).isEqualTo("0");
        assertThat(e.value("request_latency_seconds_bucket{route=\"/b\",le=\"0.5\"}")).isEqualTo("1");
        assertThat(e.value("request_latency_seconds_bucket{route=\"/b\",le=\"+Inf\"}")).isEqualTo("1");
    }

    @Test
    void prometheusTextHasEveryTypeWithLabelsAndCumulativeBuckets() throws Exception {
        Exposed e = new Exposed(text(Format.PROMETHEUS, false));
        assertThat(e.text).contains("# TYPE http_requests_total counter", "# HELP http_requests_total HTTP requests handled",
                "# TYPE request_latency_seconds histogram", "# TYPE payload_bytes summary",
                "# TYPE worker_phase gauge", "# TYPE build_info gauge", "# TYPE room_temperature_celsius gauge");
        assertThat(e.text).doesNotContain("# EOF", "# UNIT", "trace_id", "_created");
        assertThat(e.value("http_requests_total{method=\"GET\",status=\"200\"}")).isEqualTo("3.5");
        assertThat(e.value("http_requests_total{method=\"POST\",status=\"500\"}")).isEqualTo("1.0");
        assertThat(e.value("room_temperature_celsius{room=\"lab\"}")).isEqualTo("21.5");
        assertThat(e.value("room_temperature_celsius{room=\"hall\"}")).isEqualTo("-3.25");
        assertThat(e.value("queue_depth")).isEqualTo("7.0");
        assertThat(e.value("payload_bytes_count{direction=\"in\"}")).isEqualTo("2");
        assertThat(e.value("payload_bytes_sum{direction=\"in\"}")).isEqualTo("1536.0");
        assertCumulativeBuckets(e);
        assertThat(e.value("worker_phase{worker=\"w1\",worker_phase=\"running\"}")).isEqualTo("1");
        assertThat(e.value("worker_phase{worker=\"w1\",worker_phase=\"starting\"}")).isEqualTo("0");
        assertThat(e.value("worker_phase{worker=\"w2\",worker_phase=\"starting\"}")).isEqualTo("1");
        assertThat(e.value("build_info{commit=\"a1b2c3\",version=\"1.2.0\"}")).isEqualTo("1");
    }

    @Test
    void openMetricsHasUnitsExemplarsAndEof() throws Exception {
        Exposed e = new Exposed(text(Format.OPENMETRICS, false));
        assertThat(e.lines.get(e.lines.size() - 1)).isEqualTo("# EOF");
        assertThat(e.text).contains("# TYPE http_requests counter", "# TYPE worker_phase stateset", "# TYPE build info",
                "# UNIT request_latency_seconds seconds", "# UNIT payload_bytes bytes",
                "# UNIT room_temperature_celsius celsius");
        assertThat(e.text).doesNotContain("_created");
        Exposed.Sample get = e.sample("http_requests_total{method=\"GET\",status=\"200\"}");
        assertThat(get.value()).isEqualTo("3.5");
        assertExemplar(get.exemplar(), EveryType.TRACE_A, 1.5);
        assertThat(e.sample("http_requests_total{method=\"POST\",status=\"500\"}").exemplar()).isNull();
        assertCumulativeBuckets(e);
        // Each exemplar sits on the bucket that recorded it.
        assertExemplar(e.sample("request_latency_seconds_bucket{route=\"/a\",le=\"0.1\"}").exemplar(), EveryType.TRACE_B, 0.05);
        assertThat(e.sample("request_latency_seconds_bucket{route=\"/a\",le=\"0.5\"}").exemplar()).isNull();
        assertExemplar(e.sample("request_latency_seconds_bucket{route=\"/a\",le=\"1.0\"}").exemplar(), EveryType.TRACE_C, 0.7);
        assertExemplar(e.sample("request_latency_seconds_bucket{route=\"/a\",le=\"+Inf\"}").exemplar(), EveryType.TRACE_D, 3.0);
        assertThat(e.value("worker_phase{worker=\"w1\",worker_phase=\"running\"}")).isEqualTo("1");
        assertThat(e.value("build_info{commit=\"a1b2c3\",version=\"1.2.0\"}")).isEqualTo("1");
    }

    /** {@code {trace_id="..."} value timestamp}, timestamp in seconds within the test's time. */
    private void assertExemplar(String exemplar, String traceId, double value) {
        assertThat(exemplar).as("exemplar").isNotNull().startsWith("{trace_id=\"" + traceId + "\"} ");
        String[] parts = exemplar.substring(exemplar.indexOf("} ") + 2).split(" ");
        assertThat(Double.parseDouble(parts[0])).isEqualTo(value);
        double seconds = Double.parseDouble(parts[1]);
        assertThat(seconds).isBetween((before - 1) / 1000.0, (after + 1) / 1000.0);
    }

    @Test
    void createdTimestampsAreWrittenInSecondsWhenAsked() throws Exception {
        for (Format f : List.of(Format.PROMETHEUS, Format.OPENMETRICS)) {
            Exposed e = new Exposed(text(f, true));
            for (String series : List.of("http_requests_created{method=\"GET\",status=\"200\"}",
                    "payload_bytes_created{direction=\"in\"}", "request_latency_seconds_created{route=\"/a\"}")) {
                assertThat(e.number(series)).as("%s in %s", series, f)
                        .isBetween((before - 1) / 1000.0, (after + 1) / 1000.0);
            }
            assertThat(e.names()).as("gauges, state sets and info have no created time")
                    .doesNotContain("room_temperature_celsius_created", "worker_phase_created", "build_created");
        }
    }

    @Test
    void protobufRoundTripsThroughTheGeneratedParser() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exposition.write(out, registry, Format.PROTOBUF);
        Map<String, Metrics.MetricFamily> families = new HashMap<>();
        try (InputStream in = new ByteArrayInputStream(out.toByteArray())) {
            Metrics.MetricFamily f;
            while ((f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
                families.put(f.getName(), f);
            }
        }
        assertThat(families).containsOnlyKeys("http_requests_total", "room_temperature_celsius", "payload_bytes",
                "request_latency_seconds", "worker_phase", "build_info", "queue_depth");
        Metrics.MetricFamily counter = families.get("http_requests_total");
        assertThat(counter.getType()).isEqualTo(Metrics.MetricType.COUNTER);
        assertThat(counter.getHelp()).isEqualTo("HTTP requests handled");
        Metrics.Metric get = counter.getMetricList().stream()
                .filter(m -> m.getLabelList().stream().anyMatch(l -> l.getValue().equals("GET"))).findFirst().orElseThrow();
        assertThat(get.getCounter().getValue()).isEqualTo(3.5);
        assertThat(get.getCounter().getExemplar().getValue()).isEqualTo(1.5);
        assertThat(get.getCounter().getCreatedTimestamp().getSeconds()).isBetween(before / 1000 - 1, after / 1000 + 1);

        Metrics.MetricFamily histogram = families.get("request_latency_seconds");
        assertThat(histogram.getType()).isEqualTo(Metrics.MetricType.HISTOGRAM);
        Metrics.Histogram a = histogram.getMetricList().stream()
                .filter(m -> m.getLabel(0).getValue().equals("/a")).findFirst().orElseThrow().getHistogram();
        List<Long> cumulative = new ArrayList<>();
        for (Metrics.Bucket b : a.getBucketList()) {
            cumulative.add(b.getCumulativeCount());
        }
        assertThat(cumulative.subList(0, 3)).containsExactly(2L, 2L, 3L);
        assertThat(a.getSampleCount()).isEqualTo(4);
        assertThat(a.getSampleSum()).isCloseTo(3.85, within(1e-12));
        assertThat(families.get("payload_bytes").getMetric(0).getSummary().getSampleCount()).isEqualTo(2);
        assertThat(families.get("queue_depth").getMetric(0).getGauge().getValue()).isEqualTo(7.0);
    }

    @Test
    void toTextMatchesWriteAndRefusesProtobuf() throws Exception {
        assertThat(Exposition.toText(registry, Format.OPENMETRICS)).isEqualTo(text(Format.OPENMETRICS, false));
        assertThatThrownBy(() -> Exposition.toText(registry, Format.PROTOBUF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
    }

    @Test
    void formatsAreNamedAsOnTheCommandLine() {
        assertThat(Format.of("prometheus")).isEqualTo(Format.PROMETHEUS);
        assertThat(Format.of("text")).isEqualTo(Format.PROMETHEUS);
        assertThat(Format.of(" OpenMetrics ")).isEqualTo(Format.OPENMETRICS);
        assertThat(Format.of("protobuf")).isEqualTo(Format.PROTOBUF);
        assertThat(Format.OPENMETRICS.label()).isEqualTo("openmetrics");
        assertThat(Format.PROMETHEUS.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(Format.OPENMETRICS.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(Format.PROTOBUF.contentType()).startsWith("application/vnd.google.protobuf");
        assertThatThrownBy(() -> Format.of("json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("json").hasMessageContaining("openmetrics");
    }
}
