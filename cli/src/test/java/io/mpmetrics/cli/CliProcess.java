package io.mpmetrics.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real process for the end-to-end tests: by default the {@code ./mpmetrics} launcher at the
 * repository root, run from the root as a user would, on the JDK running the tests
 * ({@code JAVA_HOME}), with {@code MPMETRICS_SKIP_BUILD=1} so that it never starts Maven inside
 * Maven (the jars in cli/target were built by this very build; {@link LauncherTest} covers the
 * build step in a copy of the script). Collects stdout and stderr line by line.
 *
 * <pre>{@code
 * CliProcess.Result r = CliProcess.launcher("inspect", "--file", file.toString()).run(30);
 * try (CliProcess demo = CliProcess.launcher("demo", "--port", "0").start()) {
 *     String url = demo.awaitStdout(Pattern.compile("^scrape: (\\S+)"), 60).group(1);
 * }
 * }</pre>
 */
final class CliProcess implements AutoCloseable {
    /** The repository root (where ./mpmetrics lives). */
    static final Path ROOT = Path.of(System.getProperty("mpmetrics.repo.root", "..")).toAbsolutePath().normalize();
    /** The built CLI jar and its runtime jars. */
    static final Path CLI_JAR = Path.of(System.getProperty("mpmetrics.cli.jar",
            ROOT.resolve("cli/target/mpmetrics-cli.jar").toString()));
    static final Path CLI_LIB = Path.of(System.getProperty("mpmetrics.cli.lib",
            ROOT.resolve("cli/target/lib").toString()));
    static final Path TEST_CLASSES = Path.of(System.getProperty("mpmetrics.cli.testClasses",
            ROOT.resolve("cli/target/test-classes").toString()));

    private final Process process;
    private final String description;
    private final LinkedBlockingQueue<String> outLines = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> errLines = new LinkedBlockingQueue<>();
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final Thread outPump;
    private final Thread errPump;

    private CliProcess(Process process, String description) {
        this.process = process;
        this.description = description;
        this.outPump = pump(process.getInputStream(), outLines, out);
        this.errPump = pump(process.getErrorStream(), errLines, err);
    }

    /** {@code ./mpmetrics args...} from the repository root. */
    static Builder launcher(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("./mpmetrics");
        cmd.addAll(Arrays.asList(args));
        return new Builder(cmd).directory(ROOT).env("MPMETRICS_SKIP_BUILD", "1");
    }

    /**
     * {@code java jvmOptions -cp <cli jar, its lib, the test classes> mainClass args}: the launcher's
     * class path, for the tests' own writer processes.
     */
    static Builder java(List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(CLI_JAR + java.io.File.pathSeparator + CLI_LIB.resolve("*") + java.io.File.pathSeparator + TEST_CLASSES);
        cmd.add(mainClass.getName());
        cmd.addAll(Arrays.asList(args));
        return new Builder(cmd).directory(ROOT);
    }

    /**
     * The CLI as a JPMS module: {@code java -p <cli jar>:<lib> -m io.mpmetrics.cli/io.mpmetrics.cli.Main args}
     * (the demo's workers then run on the module path too).
     */
    static Builder modulePath(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-p");
        cmd.add(CLI_JAR + java.io.File.pathSeparator + CLI_LIB);
        cmd.add("-m");
        cmd.add("io.mpmetrics.cli/io.mpmetrics.cli.Main");
        cmd.addAll(Arrays.asList(args));
        return new Builder(cmd).directory(ROOT);
    }

    private static Thread pump(InputStream in, LinkedBlockingQueue<String> queue, List<String> all) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    all.add(line);
                    queue.add(line);
                }
            } catch (IOException ignored) {
                // the process went away
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the next stdout line matching {@code pattern} (find) and returns the match. */
    Matcher awaitStdout(Pattern pattern, long timeoutSeconds) throws InterruptedException {
        return await(outLines, "stdout", pattern, timeoutSeconds);
    }

    /** Waits for the next stderr line matching {@code pattern} (find) and returns the match. */
    Matcher awaitStderr(Pattern pattern, long timeoutSeconds) throws InterruptedException {
        return await(errLines, "stderr", pattern, timeoutSeconds);
    }

    private Matcher await(LinkedBlockingQueue<String> queue, String stream, Pattern pattern, long timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(description + ": no " + stream + " line matching /" + pattern + "/ within "
                        + timeoutSeconds + " s" + transcript());
            }
            String line = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (line != null) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            } else if (!process.isAlive()) {
                (stream.equals("stdout") ? outPump : errPump).join(2000);
                if (queue.isEmpty()) {
                    throw new AssertionError(description + ": exited with " + process.exitValue() + " before printing a "
                            + stream + " line matching /" + pattern + "/" + transcript());
                }
            }
        }
    }

    /** Waits for the exit and returns the result; kills the process (and fails) after the timeout. */
    Result waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            close();
            throw new AssertionError(description + ": still running after " + timeoutSeconds + " s; killed"
                    + transcript());
        }
        outPump.join(5000);
        errPump.join(5000);
        return new Result(description, process.exitValue(), List.copyOf(out), List.copyOf(err));
    }

    String transcript() {
        return "\n--- stdout:\n" + String.join("\n", List.copyOf(out)) + "\n--- stderr:\n"
                + String.join("\n", List.copyOf(err));
    }

    /** Kills the process and everything it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a finished process printed. */
    record Result(String description, int exitCode, List<String> stdout, List<String> stderr) {
        String out() {
            return String.join("\n", stdout);
        }

        String err() {
            return String.join("\n", stderr);
        }

        @Override
        public String toString() {
            return description + " exited with " + exitCode + "\n--- stdout:\n" + out() + "\n--- stderr:\n" + err();
        }
    }

    /** Configures and starts a process. */
    static final class Builder {
        private final List<String> command;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> unset = new ArrayList<>(List.of("JAVA_OPTS", "MPMETRICS_FILE", "MPMETRICS_BACKEND",
                "MPMETRICS_DEBUG"));
        private Path directory;

        private Builder(List<String> command) {
            this.command = command;
            // The CLI runs on the JDK running the tests (the JDK 25 pass of CI included).
            env.put("JAVA_HOME", System.getProperty("java.home"));
        }

        Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        Builder env(String name, String value) {
            env.put(name, value);
            unset.remove(name);
            return this;
        }

        CliProcess start() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            unset.forEach(pb.environment()::remove);
            pb.environment().putAll(env);
            String description = String.join(" ", command);
            if (env.containsKey("JAVA_OPTS")) {
                description = "JAVA_OPTS='" + env.get("JAVA_OPTS") + "' " + description;
            }
            return new CliProcess(pb.start(), description);
        }

        /** Starts the process and waits for it to exit. */
        Result run(long timeoutSeconds) throws IOException, InterruptedException {
            try (CliProcess p = start()) {
                return p.waitFor(timeoutSeconds);
            }
        }
    }
}
