package io.mpmetrics.itests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM for multi-process tests: runs {@code mainClass} with this test JVM's class
 * path (or a given one), collects its stdout lines and stderr, and can be waited for or killed.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.builder(AddWorker.class).args(file.toString(), "100000").start()) {
 *     child.awaitLine("READY", 10, TimeUnit.SECONDS);
 *     child.awaitExit(60, TimeUnit.SECONDS);      // throws if the exit code is not 0
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    /** The JDK 25 used by the second test run and by JDK-25-only tests. */
    public static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

    private final Process process;
    private final String description;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> allLines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private ChildJvm(Process process, String description) {
        this.process = process;
        this.description = description;
        this.outReader = pump("out", process, true);
        this.errReader = pump("err", process, false);
    }

    private Thread pump(String name, Process p, boolean out) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    out ? p.getInputStream() : p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (out) {
                        lines.add(line);
                        allLines.add(line);
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the child went away
            }
        }, "child-" + name + "-" + p.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A builder for a child running {@code mainClass} (a class with a {@code main} method). */
    public static Builder builder(Class<?> mainClass) {
        return new Builder(mainClass.getName());
    }

    /** A builder for a child running {@code mainClass} by name. */
    public static Builder builder(String mainClass) {
        return new Builder(mainClass);
    }

    /** The java executable of the JDK running this test (or of {@code javaHome}). */
    public static Path javaExecutable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    /** Configures and starts a child JVM. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Path javaHome = Paths.get(System.getProperty("java.home"));
        private String classPath = System.getProperty("java.class.path");
        private String modulePath;
        private final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        /** Program arguments. */
        public Builder args(String... values) {
            args.addAll(Arrays.asList(values));
            return this;
        }

        /** An environment variable of the child (on top of this JVM's environment). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** JVM options such as {@code -Dmpmetrics.backend=locking}. */
        public Builder jvmOptions(String... values) {
            jvmOptions.addAll(Arrays.asList(values));
            return this;
        }

        /** The JDK to run (default: the one running the test). */
        public Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        /** The class path (default: this JVM's). */
        public Builder classPath(String path) {
            this.classPath = path;
            return this;
        }

        /**
         * Runs on the module path instead: {@code java -p modulePath -m mainClass}, where
         * {@code mainClass} is {@code module/class}.
         */
        public Builder modulePath(String path) {
            this.modulePath = path;
            return this;
        }

        /** Starts the child. */
        public ChildJvm start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaExecutable(javaHome).toString());
            cmd.add("-Xmx256m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-Xshare:auto");
            cmd.addAll(jvmOptions);
            if (modulePath != null) {
                cmd.add("-p");
                cmd.add(modulePath);
                cmd.add("-m");
            } else {
                cmd.add("-cp");
                cmd.add(classPath);
            }
            cmd.add(mainClass);
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            return new ChildJvm(pb.start(), mainClass + " " + String.join(" ", args));
        }
    }

    /** Whether {@code home} holds a runnable JDK. */
    public static boolean isJdk(Path home) {
        return Files.isExecutable(javaExecutable(home));
    }

    /** The process. */
    public Process process() {
        return process;
    }

    /**
     * Waits for the next stdout line that starts with {@code prefix} and returns it.
     *
     * @throws AssertionError on timeout or if the child exits first (with its stderr)
     */
    public String awaitLine(String prefix, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("child " + description + " printed no line starting with '" + prefix
                        + "' in time; stdout so far: " + allLines + "; stderr: " + stderr);
            }
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (line != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                outReader.join(1000);
                if (lines.isEmpty()) {
                    throw new AssertionError("child " + description + " exited with " + process.exitValue()
                            + " before printing '" + prefix + "'; stdout: " + allLines + "; stderr: " + stderr);
                }
            }
        }
    }

    /** Sends a line to the child's stdin. */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /**
     * Waits for the child to exit and returns its exit code.
     *
     * @throws AssertionError if it does not exit in time (it is then killed)
     */
    public int awaitExitCode(long timeout, TimeUnit unit) throws InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            process.destroyForcibly();
            throw new AssertionError("child " + description + " did not exit within " + timeout + " " + unit
                    + "; stdout: " + allLines + "; stderr: " + stderr);
        }
        outReader.join(2000);
        errReader.join(2000);
        return process.exitValue();
    }

    /**
     * Waits for the child to exit with code 0.
     *
     * @throws AssertionError on timeout or a non-zero exit code (with its output)
     */
    public void awaitSuccess(long timeout, TimeUnit unit) throws InterruptedException {
        int code = awaitExitCode(timeout, unit);
        if (code != 0) {
            throw new AssertionError("child " + description + " exited with " + code + "; stdout: " + allLines
                    + "; stderr: " + stderr);
        }
    }

    /** Every stdout line so far. */
    public List<String> stdout() {
        synchronized (allLines) {
            return new ArrayList<>(allLines);
        }
    }

    /** Everything on stderr so far. */
    public String stderr() {
        return stderr.toString();
    }

    /** Kills the child at once (SIGKILL) and waits for it to go. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Kills the child if it is still running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
