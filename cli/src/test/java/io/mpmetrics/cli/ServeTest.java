package io.mpmetrics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code ./mpmetrics serve} end to end, on files whose writers have exited. */
class ServeTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesMetricsOfExitedWritersAndPicksUpMetricsRegisteredLater(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("served.mpm");
        write(file, "all");
        try (CliProcess serve = CliProcess.launcher("serve", "--file", file.toString(), "--port", "0").start()) {
            String url = serve.awaitStdout(Pattern.compile("^serving 6 metrics from (\\S+) at (http://\\S+/metrics) "), 60)
                    .group(2);
            Samples first = Samples.parse(get(url));
            assertThat(first.value("e2e_jobs_total{queue=\"a\"}")).isEqualTo(3.0);
            assertThat(first.value("e2e_jobs_total{queue=\"b\"}")).isEqualTo(1.5);
            assertThat(first.value("e2e_temperature_celsius")).isEqualTo(-4.25);
            assertThat(first.value("e2e_latency_seconds_bucket{le=\"0.1\"}")).isEqualTo(1.0);
            assertThat(first.value("e2e_latency_seconds_bucket{le=\"1.0\"}")).isEqualTo(2.0);
            assertThat(first.value("e2e_latency_seconds_count")).isEqualTo(3.0);
            assertThat(first.value("e2e_latency_seconds_sum")).isCloseTo(5.55, within(1e-9));
            assertThat(first.value("e2e_payload_bytes_count")).isEqualTo(2.0);
            assertThat(first.value("e2e_payload_bytes_sum")).isEqualTo(400.0);
            assertThat(first.value("e2e_mode{e2e_mode=\"busy\"}")).isEqualTo(1.0);
            assertThat(first.value("e2e_mode{e2e_mode=\"idle\"}")).isEqualTo(0.0);
            assertThat(first.value("e2e_version_info{version=\"1.2.3\"}")).isEqualTo(1.0);
            assertThat(first.has("e2e_late_total")).isFalse();

            // Another writer comes, registers a new metric and goes; the same server shows it.
            write(file, "late");
            Samples second = Samples.parse(get(url));
            assertThat(second.value("e2e_late_total")).isEqualTo(7.0);
            assertThat(second.value("e2e_jobs_total{queue=\"a\"}")).isEqualTo(3.0);
            // And a writer adding to an existing series.
            write(file, "all");
            Samples third = Samples.parse(get(url));
            assertThat(third.value("e2e_jobs_total{queue=\"a\"}")).isEqualTo(6.0);
            assertThat(third.value("e2e_latency_seconds_count")).isEqualTo(6.0);
            assertThat(serve.alive()).isTrue();
        }
    }

    @Test
    void runsAsAJpmsModule(@TempDir Path dir) throws Exception {
        // module-info must bring in everything serve needs (the JDK's HTTP server included).
        Path file = dir.resolve("module.mpm");
        write(file, "all");
        try (CliProcess serve = CliProcess.modulePath("serve", "--file", file.toString(), "--port", "0").start()) {
            String url = serve.awaitStdout(Pattern.compile(" at (http://\\S+/metrics) "), 60).group(1);
            assertThat(Samples.parse(get(url)).value("e2e_jobs_total{queue=\"a\"}")).isEqualTo(3.0);
        }
        CliProcess.Result inspect = CliProcess.modulePath("inspect", "--file", file.toString()).run(60);
        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        assertThat(inspect.out()).containsPattern("(?m)^backends found\\s+varhandle \\(priority 300\\), "
                + "unsafe \\(priority 200\\), locking \\(priority 100\\)$");
    }

    static void write(Path file, String mode, String... jvmOptions) throws IOException, InterruptedException {
        CliProcess.Result r = CliProcess.java(List.of(jvmOptions), TestWriter.class, file.toString(), mode).run(60);
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.out()).contains("WROTE " + mode);
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
