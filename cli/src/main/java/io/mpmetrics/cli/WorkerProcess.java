package io.mpmetrics.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DemoWorker} JVM as the demo sees it: started with this JVM's class path (or module
 * path), {@code JAVA_OPTS} and {@code MPMETRICS_FILE}; its {@code READY}/{@code DONE} lines parsed,
 * everything else it prints passed on, prefixed with its number.
 *
 * <pre>{@code
 * WorkerProcess w = WorkerProcess.start(1, file, progress);
 * w.awaitReady(deadlineNanos);
 * w.stop();
 * w.awaitExit(10, TimeUnit.SECONDS);
 * long counted = w.requests();
 * }</pre>
 */
final class WorkerProcess {
    /** Environment variable whose options the launcher passes to every JVM. */
    static final String JAVA_OPTS_ENV = "JAVA_OPTS";

    final int id;
    private final Process process;
    private final Progress progress;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile String backend = "?";
    private volatile long requests = -1;

    private WorkerProcess(int id, Process process, Progress progress) {
        this.id = id;
        this.process = process;
        this.progress = progress;
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
    }

    static WorkerProcess start(int id, Path file, Progress progress) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(id));
        pb.environment().put(io.mpmetrics.metrics.MetricsRegistry.FILE_ENV, file.toString());
        return new WorkerProcess(id, pb.start(), progress);
    }

    /** {@code java [small-heap options] $JAVA_OPTS -cp <this class path> DemoWorker <id>}. */
    static List<String> command(int id) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A worker needs little memory; JAVA_OPTS comes later, so it can override these.
        cmd.add("-Xmx64m");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(javaOpts());
        Module module = DemoWorker.class.getModule();
        if (module.isNamed()) {
            cmd.add("-p");
            cmd.add(System.getProperty("jdk.module.path"));
            cmd.add("-m");
            cmd.add(module.getName() + "/" + DemoWorker.class.getName());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(DemoWorker.class.getName());
        }
        cmd.add(Integer.toString(id));
        return cmd;
    }

    /** {@code JAVA_OPTS} split at white space, as the launcher's shell splits it. */
    static List<String> javaOpts() {
        String opts = System.getenv(JAVA_OPTS_ENV);
        List<String> out = new ArrayList<>();
        if (opts != null) {
            for (String o : opts.trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private void pump(InputStream in, boolean stdout) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!stdout || !protocol(line)) {
                        progress.message("[worker " + id + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
        }, "demo-worker-" + id + (stdout ? "-out" : "-err"));
        t.setDaemon(true);
        t.start();
    }

    private boolean protocol(String line) {
        String[] f = line.trim().split(" ");
        try {
            if (f.length == 4 && f[0].equals("READY") && Integer.parseInt(f[1]) == id) {
                backend = f[3];
                ready.countDown();
                return true;
            }
            if (f.length == 3 && f[0].equals("DONE") && Integer.parseInt(f[1]) == id) {
                requests = Long.parseLong(f[2]);
                done.countDown();
                return true;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** Waits until the worker is ready, it exits, or the deadline ({@link System#nanoTime()}) passes. */
    boolean awaitReady(long deadlineNanos) throws InterruptedException {
        while (ready.getCount() > 0 && process.isAlive()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            ready.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        }
        return ready.getCount() == 0;
    }

    /** Asks the worker to stop (it reports and exits); closing its stdin is the signal. */
    void stop() {
        try {
            OutputStream in = process.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Waits for the worker to exit and for its report; true if both happened in time. */
    boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean exited = process.waitFor(timeout, unit);
        // Its last line may still be in the pipe when it exits.
        long left = Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(500));
        boolean reported = done.await(left, TimeUnit.NANOSECONDS);
        return exited && reported;
    }

    /** Ends the worker: SIGTERM (it still reports), then SIGKILL after {@code graceMillis}. */
    void destroy(long graceMillis) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    String backend() {
        return backend;
    }

    /** The requests it reported counting, or -1 if it has not reported. */
    long requests() {
        return requests;
    }
}
