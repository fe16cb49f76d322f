package io.mpmetrics.exporter;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A binary from the Debian package {@code prometheus} ({@code .ci/run} installs it). Tests that
 * need one are skipped when it is missing on a developer machine, and fail when it is missing in
 * CI (environment {@code CI=true}).
 */
final class ExternalTool {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    private ExternalTool() {
    }

    /** {@code binary}, or a skipped test (outside CI) / a failure (in CI) if it is missing. */
    static Path require(Path binary) {
        if (Files.isExecutable(binary)) {
            return binary;
        }
        String message = binary + " is missing (Debian package 'prometheus')";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + ": CI must install it");
        }
        Assumptions.assumeTrue(false, message + "; skipping outside CI");
        return binary;
    }

    /** The exit code and the combined stdout and stderr of a finished command. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code command} with {@code stdin}, waiting at most {@code timeoutSeconds}. */
    static Result run(List<String> command, byte[] stdin, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(output);
                } catch (IOException ignored) {
                    // the process went away; what was read is kept
                }
            }, "read-" + command.get(0));
            reader.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            return new Result(p.exitValue(), output.toString(StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
