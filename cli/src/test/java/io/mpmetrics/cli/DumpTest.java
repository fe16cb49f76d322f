package io.mpmetrics.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./mpmetrics dump} end to end, checked by Prometheus' own parsers: {@code promtool check
 * metrics} for the Prometheus text format, and promtool's OpenMetrics parser for OpenMetrics.
 */
class DumpTest {
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void writeFile() throws Exception {
        file = dir.resolve("dumped.mpm");
        ServeTest.write(file, "all");
    }

    @Test
    void prometheusTextPassesPromtool() throws Exception {
        CliProcess.Result dump = CliProcess.launcher("dump", "--file", file.toString(), "--format", "prometheus").run(60);
        assertThat(dump.exitCode()).as("%s", dump).isZero();
        assertThat(dump.err()).isEmpty();
        Samples s = Samples.parse(dump.out());
        assertThat(s.value("e2e_jobs_total{queue=\"a\"}")).isEqualTo(3.0);
        assertThat(s.value("e2e_latency_seconds_bucket{le=\"+Inf\"}")).isEqualTo(3.0);
        assertThat(s.value("e2e_version_info{version=\"1.2.3\"}")).isEqualTo(1.0);
        assertThat(dump.out()).contains("# TYPE e2e_jobs_total counter", "# TYPE e2e_latency_seconds histogram");

        String[] promtool = promtool("check", "metrics");
        ProcessResult check = exec(dump.out() + "\n", promtool);
        assertThat(check.exit).as("promtool check metrics said: %s", check.output).isZero();
        assertThat(check.output).as("promtool lint findings").isBlank();
    }

    @Test
    void openMetricsPassesPromtoolsOpenMetricsParser(@TempDir Path work) throws Exception {
        CliProcess.Result dump = CliProcess.launcher("dump", "--file", file.toString(), "--format", "openmetrics").run(60);
        assertThat(dump.exitCode()).as("%s", dump).isZero();
        String text = dump.out() + "\n";
        assertThat(text).endsWith("# EOF\n").contains("# TYPE e2e_mode stateset", "# TYPE e2e_version info",
                "# UNIT e2e_latency_seconds seconds", "e2e_jobs_total{queue=\"b\"} 1.5 # {trace_id=\"abc123\"} 1.5 ",
                "e2e_latency_seconds_bucket{le=\"1.0\"} 2 # {trace_id=\"def456\"} 0.5 ");
        Samples s = Samples.parse(text);
        assertThat(s.value("e2e_mode{e2e_mode=\"busy\"}")).isEqualTo(1.0);

        // `promtool check metrics` reads only the Prometheus text format (it stops at the first
        // OpenMetrics-only line: an info or stateset type, an exemplar). promtool's OpenMetrics
        // parser is the one behind `tsdb create-blocks-from openmetrics`, which also wants a
        // timestamp on every sample (a scrape has none): add one, keep everything else as it is.
        Path input = work.resolve("dump.om.txt");
        Files.writeString(input, withTimestamps(text, 1_700_000_000L), StandardCharsets.UTF_8);
        String[] promtool = promtool("tsdb", "create-blocks-from", "openmetrics", input.toString(),
                work.resolve("blocks").toString());
        ProcessResult parsed = exec("", promtool);
        assertThat(parsed.exit).as("promtool's OpenMetrics parser said: %s", parsed.output).isZero();
        // It read every sample: counter 2, gauge 1, histogram 3 buckets + count + sum, summary 2,
        // state set 2, info 1 (samples, chunks, series).
        assertThat(s.size()).isEqualTo(13);
        assertThat(parsed.output).containsPattern("\\s13\\s+13\\s+13\\s");
    }

    /** {@code text} with {@code seconds} put after each sample's value (before an exemplar). */
    static String withTimestamps(String text, long seconds) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int exemplar = line.indexOf(" # {");
                line = exemplar < 0 ? line + " " + seconds
                        : line.substring(0, exemplar) + " " + seconds + line.substring(exemplar);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** The promtool command line; skips the test where promtool is missing, except on CI. */
    static String[] promtool(String... args) {
        Path promtool = null;
        for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "promtool");
            if (Files.isExecutable(p)) {
                promtool = p;
                break;
            }
        }
        if (promtool == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("promtool is missing (CI=true): install the Debian package 'prometheus'");
            }
            assumeTrue(false, "promtool is not installed (Debian package 'prometheus')");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(promtool.toString());
        cmd.addAll(List.of(args));
        return cmd.toArray(new String[0]);
    }

    record ProcessResult(int exit, String output) {
    }

    static ProcessResult exec(String stdin, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        return new ProcessResult(p.exitValue(), output);
    }
}
