package io.mpmetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpmetrics.exporter.Exposition.Format;
import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus server (Debian package {@code prometheus}, like promtool) scrapes a registry
 * holding every metric type with labels, units and exemplars, in three ways:
 * <ul>
 * <li>job {@code om}: {@link Exposition} OpenMetrics with {@code _created} samples, served as
 * {@code application/openmetrics-text} so that Prometheus parses it with its OpenMetrics parser;</li>
 * <li>job {@code text}: {@link Exposition} Prometheus text 0.0.4 with {@code _created} samples;</li>
 * <li>job {@code client_java}: client_java's {@code HTTPServer} over a {@code PrometheusRegistry}
 * with our collector, with whatever format Prometheus negotiates (OpenMetrics).</li>
 * </ul>
 * Every target must be up with no scrape error, the values must be queryable, and the exemplars
 * (only the OpenMetrics parser reads them) must be stored.
 */
class PrometheusScrapeTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(180)
    void prometheusScrapesEveryFormatWithoutErrorsAndStoresValuesAndExemplars() throws Exception {
        Path prometheusBinary = ExternalTool.require(ExternalTool.PROMETHEUS);
        long before = System.currentTimeMillis();
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(dir.resolve("every.mpm"))) {
            EveryType.populate(registry);
            long after = System.currentTimeMillis();

            HttpServer plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            plain.createContext("/openmetrics", ex -> serve(ex, registry, Format.OPENMETRICS));
            plain.createContext("/text", ex -> serve(ex, registry, Format.PROMETHEUS));
            plain.start();
            PrometheusRegistry prometheusRegistry = new PrometheusRegistry();
            MpmetricsCollector.register(registry, prometheusRegistry);
            try (HTTPServer clientJava = HTTPServer.builder().hostname("127.0.0.1").port(0)
                    .registry(prometheusRegistry).buildAndStart()) {
                String plainTarget = "127.0.0.1:" + plain.getAddress().getPort();
                String clientJavaTarget = "127.0.0.1:" + clientJava.getPort();
                Path config = dir.resolve("prometheus.yml");
                Files.writeString(config, String.join("\n",
                        "global:",
                        "  scrape_interval: 1s",
                        "  scrape_timeout: 1s",
                        "scrape_configs:",
                        "  - job_name: om",
                        "    metrics_path: /openmetrics",
                        "    static_configs: [{targets: ['" + plainTarget + "']}]",
                        "  - job_name: text",
                        "    metrics_path: /text",
                        "    static_configs: [{targets: ['" + plainTarget + "']}]",
                        "  - job_name: client_java",
                        "    static_configs: [{targets: ['" + clientJavaTarget + "']}]",
                        ""));
                int port = freePort();
                Path log = dir.resolve("prometheus.log");
                Process prometheus = new ProcessBuilder(prometheusBinary.toString(),
                        "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port, "--enable-feature=exemplar-storage",
                        "--log.level=warn")
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                try {
                    String api = "http://127.0.0.1:" + port + "/api/v1/";
                    for (String job : List.of("om", "text", "client_java")) {
                        awaitScraped(api, job, prometheus, log);
                    }
                    for (String job : List.of("om", "text", "client_java")) {
                        String j = "job=\"" + job + "\"";
                        assertThat(value(api, "http_requests_total{" + j + ",method=\"GET\",status=\"200\"}"))
                                .as(job).isEqualTo("3.5");
                        assertThat(value(api, "room_temperature_celsius{" + j + ",room=\"hall\"}")).as(job).isEqualTo("-3.25");
                        assertThat(value(api, "payload_bytes_sum{" + j + ",direction=\"in\"}")).as(job).isEqualTo("1536");
                        assertThat(value(api, "request_latency_seconds_bucket{" + j + ",route=\"/a\",le=\"1.0\"}"))
                                .as(job).isEqualTo("3");
                        assertThat(value(api, "request_latency_seconds_bucket{" + j + ",route=\"/a\",le=\"+Inf\"}"))
                                .as(job).isEqualTo("4");
                        assertThat(value(api, "request_latency_seconds_count{" + j + ",route=\"/a\"}")).as(job).isEqualTo("4");
                        assertThat(value(api, "worker_phase{" + j + ",worker=\"w1\",worker_phase=\"running\"}"))
                                .as(job).isEqualTo("1");
                        assertThat(value(api, "worker_phase{" + j + ",worker=\"w1\",worker_phase=\"starting\"}"))
                                .as(job).isEqualTo("0");
                        assertThat(value(api, "build_info{" + j + ",version=\"1.2.0\",commit=\"a1b2c3\"}"))
                                .as(job).isEqualTo("1");
                        assertThat(value(api, "queue_depth{" + j + "}")).as(job).isEqualTo("7");
                    }
                    for (String job : List.of("om", "text")) {
                        double created = Double.parseDouble(value(api,
                                "http_requests_created{job=\"" + job + "\",method=\"GET\",status=\"200\"}"));
                        assertThat(created).as(job).isBetween((before - 1) / 1000.0, (after + 1) / 1000.0);
                    }
                    for (String job : List.of("om", "client_java")) {
                        String counterExemplars = exemplars(api, "http_requests_total{job=\"" + job + "\"}");
                        assertThat(counterExemplars).as(job).contains(EveryType.TRACE_A);
                        String bucketExemplars = exemplars(api, "request_latency_seconds_bucket{job=\"" + job + "\"}");
                        assertThat(bucketExemplars).as(job).contains(EveryType.TRACE_B, EveryType.TRACE_C, EveryType.TRACE_D);
                    }
                } finally {
                    prometheus.destroy();
                    if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            } finally {
                plain.stop(0);
            }
        }
    }

    private static void serve(HttpExchange exchange, MetricsRegistry registry, Format format) throws IOException {
        try (exchange) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Exposition.write(body, registry, format, true);
            exchange.getResponseHeaders().set("Content-Type", format.contentType());
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return r.body();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static final Pattern TARGET = Pattern.compile(
            "\"scrapePool\":\"([^\"]+)\".*?\"lastError\":\"((?:[^\"\\\\]|\\\\.)*)\",\"lastScrape\":\"([^\"]+)\".*?\"health\":\"(\\w+)\"",
            Pattern.DOTALL);

    /** Waits until {@code job}'s target has been scraped; it must be up with no error. */
    private void awaitScraped(String api, String job, Process prometheus, Path log) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited with " + prometheus.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                last = get(api + "targets?state=active");
            } catch (IOException notYetListening) {
                Thread.sleep(200);
                continue;
            }
            Matcher m = TARGET.matcher(last);
            while (m.find()) {
                if (m.group(1).equals(job) && !m.group(3).startsWith("0001-01-01")) {
                    assertThat(m.group(2)).as("scrape error of job %s", job).isEmpty();
                    assertThat(m.group(4)).as("health of job %s", job).isEqualTo("up");
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + job + " was not scraped within " + DEADLINE + "; targets: " + last
                + "\nlog:\n" + Files.readString(log));
    }

    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"\\]");

    /** The single value of an instant query. */
    private String value(String api, String query) throws Exception {
        String body = get(api + "query?query=" + encode(query));
        List<String> values = new ArrayList<>();
        Matcher m = VALUE.matcher(body);
        while (m.find()) {
            values.add(m.group(1));
        }
        assertThat(values).as("result of %s: %s", query, body).hasSize(1);
        return values.get(0);
    }

    private String exemplars(String api, String query) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return get(api + "query_exemplars?query=" + encode(query) + "&start=" + (now - 600) + "&end=" + (now + 600));
    }
}
