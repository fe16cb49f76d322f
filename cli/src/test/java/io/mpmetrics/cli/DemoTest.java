package io.mpmetrics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mpmetrics demo} end to end: real worker JVMs, the real launcher, scrapes over HTTP.
 */
class DemoTest {
    private static final Pattern SCRAPE_URL = Pattern.compile("^scrape: (http://\\S+/metrics)$");
    private static final Pattern WORKER_ROW = Pattern.compile("^\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+([\\d,]+)$");
    private static final Pattern PROGRESS = Pattern.compile("^\\s*\\d+\\.\\d s\\s+[\\d,]+ requests");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One scrape's totals of the demo's request metrics. */
    record Scrape(double requests, double histogramCount, double infBucket, double summaryCount) {
    }

    @Test
    void demoServesGrowingMetricsAndTheFileEndsWithExactlyWhatTheWorkersCounted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.mpm");
        List<Scrape> scrapes = new ArrayList<>();
        String openMetrics = null;
        CliProcess.Result result;
        try (CliProcess demo = CliProcess.launcher("demo", "--workers", "2", "--seconds", "4", "--port", "0",
                "--file", file.toString()).start()) {
            String url = demo.awaitStdout(SCRAPE_URL, 60).group(1);
            while (demo.alive()) {
                String text = get(url, null);
                if (text != null) {
                    Samples s = Samples.parse(text);
                    Scrape scrape = new Scrape(s.sum("demo_requests_total"), s.sum("demo_request_duration_seconds_count"),
                            s.sum("demo_request_duration_seconds_bucket{le=\"+Inf\"}"),
                            s.sum("demo_response_size_bytes_count"));
                    if (scrape.requests() > 0) {
                        scrapes.add(scrape);
                        String om = get(url, "application/openmetrics-text; version=1.0.0; charset=utf-8");
                        openMetrics = om != null ? om : openMetrics;
                    }
                }
                Thread.sleep(300);
            }
            result = demo.waitFor(60);
        }
        assertThat(result.exitCode()).as("%s", result).isEqualTo(Main.OK);

        // Values grew while the workers ran, and every scrape was consistent.
        assertThat(scrapes).as("scrapes with requests while the demo ran; %s", result).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < scrapes.size(); i++) {
            assertThat(scrapes.get(i).requests()).isGreaterThanOrEqualTo(scrapes.get(i - 1).requests());
            assertThat(scrapes.get(i).histogramCount()).isGreaterThanOrEqualTo(scrapes.get(i - 1).histogramCount());
        }
        assertThat(scrapes.get(scrapes.size() - 1).requests()).isGreaterThan(scrapes.get(0).requests());
        for (Scrape s : scrapes) {
            assertThat(s.histogramCount()).as("histogram _count == +Inf bucket in one scrape").isEqualTo(s.infBucket());
        }

        // Every metric type is served; exemplars, the state set and info in OpenMetrics.
        assertThat(openMetrics).isNotNull();
        assertThat(openMetrics).contains("# TYPE demo_requests counter", "# TYPE demo_request_duration_seconds histogram",
                "# TYPE demo_requests_in_progress gauge", "# TYPE demo_response_size_bytes summary",
                "# TYPE demo_worker_phase stateset", "# TYPE demo_build info", "# {trace_id=\"")
                .endsWith("# EOF\n");
        assertThat(Samples.parse(openMetrics).count("demo_build_info")).isGreaterThanOrEqualTo(1);

        // Each worker reported its count; the demo compared them with the file and found them equal.
        long reported = 0;
        int workers = 0;
        for (String line : result.stdout()) {
            Matcher m = WORKER_ROW.matcher(line);
            if (m.matches()) {
                workers++;
                reported += Long.parseLong(m.group(4).replace(",", ""));
                assertThat(m.group(3)).isEqualTo("varhandle");
            }
        }
        assertThat(workers).as("%s", result).isEqualTo(2);
        assertThat(reported).isPositive();
        assertThat(result.out()).contains("nothing lost");
        assertThat(scrapes.get(scrapes.size() - 1).requests()).isLessThanOrEqualTo(reported);

        // The file itself, read by another process after everything exited, holds exactly that.
        CliProcess.Result dump = CliProcess.launcher("dump", "--file", file.toString()).run(60);
        assertThat(dump.exitCode()).as("%s", dump).isZero();
        Samples end = Samples.parse(dump.out());
        assertThat(end.sum("demo_requests_total")).isEqualTo((double) reported);
        assertThat(end.value("demo_request_duration_seconds_count")).isEqualTo((double) reported);
        assertThat(end.value("demo_response_size_bytes_count")).isEqualTo((double) reported);
        assertThat(end.value("demo_requests_in_progress")).isZero();
        assertThat(end.value("demo_worker_phase{worker=\"1\",demo_worker_phase=\"stopped\"}")).isEqualTo(1.0);
        assertThat(end.value("demo_worker_phase{worker=\"2\",demo_worker_phase=\"stopped\"}")).isEqualTo(1.0);
        assertThat(end.count("demo_build_info")).isEqualTo(2);
    }

    @Test
    void javaOptsReachTheWorkers(@TempDir Path dir) throws Exception {
        // A file made with the locking backend can only be used by JVMs that got the same option:
        // workers without it would refuse the file and the demo would fail.
        Path file = dir.resolve("locking.mpm");
        CliProcess.Result result = CliProcess.launcher("demo", "--workers", "2", "--seconds", "1", "--port", "0",
                "--file", file.toString()).env("JAVA_OPTS", "-Dmpmetrics.backend=locking -Xss1m").run(90);
        assertThat(result.exitCode()).as("%s", result).isEqualTo(Main.OK);
        List<String> backends = result.stdout().stream().map(WORKER_ROW::matcher).filter(Matcher::matches)
                .map(m -> m.group(3)).collect(Collectors.toList());
        assertThat(backends).as("%s", result).containsExactly("locking", "locking");

        CliProcess.Result inspect = CliProcess.launcher("inspect", "--file", file.toString())
                .env("JAVA_OPTS", "-Dmpmetrics.backend=locking").run(60);
        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        assertThat(inspect.out()).containsPattern("(?m)^layout family\\s+LOCKING")
                .containsPattern("(?m)^backend\\s+locking")
                .containsPattern("(?m)^\\s+counter\\s+demo_requests\\s+12\\s+method,status");
    }

    @Test
    void interruptStopsTheWorkersReportsAndRemovesItsOwnFile() throws Exception {
        CliProcess.Result result;
        Path file;
        Set<ProcessHandle> workers;
        String signal;
        try (CliProcess demo = CliProcess.launcher("demo", "--workers", "2", "--seconds", "120", "--port", "0").start()) {
            file = Path.of(demo.awaitStdout(Pattern.compile("sharing (/\\S+\\.mpm)$"), 60).group(1));
            demo.awaitStderr(PROGRESS, 60);
            workers = demo.process().descendants().collect(Collectors.toSet());
            assertThat(workers).hasSize(2);
            assertThat(Files.exists(file)).isTrue();
            signal = sigintIgnored(demo.pid()) ? "TERM" : "INT";
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(demo.pid())).start();
            assertThat(kill.waitFor()).isZero();
            result = demo.waitFor(30);
        }
        // The JVM's exit status after a signal: 128 + its number.
        assertThat(result.exitCode()).as("%s", result).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(result.err()).contains("interrupted; stopping the workers");
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
        assertThat(result.stdout().stream().filter(l -> WORKER_ROW.matcher(l).matches())).hasSize(2);
        assertThat(result.out()).contains("nothing lost").contains("removed");
        assertThat(Files.exists(file)).isFalse();
    }

    /**
     * Whether {@code pid} ignores SIGINT. A process started in the background of a non-interactive
     * shell (as some CI runners start Maven) inherits SIGINT ignored; the JVM then leaves it ignored
     * and only SIGTERM runs the same shutdown path. Ctrl-C in a terminal is SIGINT.
     */
    private static boolean sigintIgnored(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /** The body of a 200 response, or null if the server is not (or no longer) there. */
    private String get(String url, String accept) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
