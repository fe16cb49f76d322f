package io.mpmetrics.exporter;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end across processes: a child JVM writes every metric type into a file; this JVM, which
 * registers nothing, serves the file with client_java's {@code HTTPServer} and reads it with
 * {@link HttpClient} in both text formats. The child then updates a counter while the server
 * runs, and the next scrape shows it.
 */
class HttpServerEndToEndTest {
    @TempDir
    Path dir;

    /** Child JVM: populates the file {@code args[0]}, prints READY, adds 10 after a stdin line, prints DONE. */
    public static void main(String[] args) throws Exception {
        try (MetricsRegistry r = MetricsRegistry.openOrCreate(Path.of(args[0]))) {
            EveryType.populate(r);
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (in.readLine() == null) {
                throw new IllegalStateException("parent closed stdin");
            }
            Counter requests = Counter.builder().name("http_requests").help("HTTP requests handled")
                    .labelNames("method", "status").register(r);
            requests.labelValues("GET", "200").inc(10);
        }
        System.out.println("DONE");
    }

    /**
     * A child JVM on this test's class path. (The multi-process harness lives in itests, which
     * this module cannot depend on; this is the least that the one test needs.)
     */
    private static Process startChild(Path file) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HttpServerEndToEndTest.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitLine(BufferedReader out, String expected) throws Exception {
        String line = out.readLine();
        assertThat(line).as("child output").isEqualTo(expected);
    }

    private static HttpResponse<String> scrape(HttpClient http, int port, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    @Timeout(120)
    void valuesWrittenByAChildJvmAreServedByClientJavasHttpServer() throws Exception {
        Path file = dir.resolve("shared.mpm");
        Process child = startChild(file);
        try (BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            awaitLine(childOut, "READY");
            PrometheusRegistry prometheus = new PrometheusRegistry();
            try (MetricsRegistry reader = MetricsRegistry.openExisting(file);
                 HTTPServer server = HTTPServer.builder().hostname("127.0.0.1").port(0)
                         .registry(registerIn(reader, prometheus)).buildAndStart()) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

                HttpResponse<String> text = scrape(http, server.getPort(), null);
                assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
                Exposed t = new Exposed(text.body());
                assertThat(t.value("http_requests_total{method=\"GET\",status=\"200\"}")).isEqualTo("3.5");
                assertThat(t.value("request_latency_seconds_bucket{route=\"/a\",le=\"+Inf\"}")).isEqualTo("4");
                assertThat(t.value("request_latency_seconds_count{route=\"/a\"}")).isEqualTo("4");
                assertThat(t.value("worker_phase{worker=\"w1\",worker_phase=\"running\"}")).isEqualTo("1");
                assertThat(t.value("build_info{commit=\"a1b2c3\",version=\"1.2.0\"}")).isEqualTo("1");

                HttpResponse<String> om = scrape(http, server.getPort(),
                        "application/openmetrics-text; version=1.0.0; charset=utf-8");
                assertThat(om.headers().firstValue("Content-Type")).hasValueSatisfying(
                        c -> assertThat(c).startsWith("application/openmetrics-text"));
                Exposed o = new Exposed(om.body());
                assertThat(o.lines.get(o.lines.size() - 1)).isEqualTo("# EOF");
                assertThat(o.sample("http_requests_total{method=\"GET\",status=\"200\"}").exemplar())
                        .startsWith("{trace_id=\"" + EveryType.TRACE_A + "\"} 1.5 ");
                assertThat(o.sample("request_latency_seconds_bucket{route=\"/a\",le=\"1.0\"}").exemplar())
                        .startsWith("{trace_id=\"" + EveryType.TRACE_C + "\"} 0.7 ");

                // The child, still running, adds to the counter: the next scrape sees it.
                OutputStream childIn = child.getOutputStream();
                childIn.write("go\n".getBytes(StandardCharsets.UTF_8));
                childIn.flush();
                awaitLine(childOut, "DONE");
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isZero();
                Exposed after = new Exposed(scrape(http, server.getPort(), null).body());
                assertThat(after.value("http_requests_total{method=\"GET\",status=\"200\"}")).isEqualTo("13.5");
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static PrometheusRegistry registerIn(MetricsRegistry reader, PrometheusRegistry prometheus) {
        MpmetricsCollector.register(reader, prometheus);
        return prometheus;
    }
}
