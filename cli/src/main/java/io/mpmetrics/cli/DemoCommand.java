package io.mpmetrics.cli;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.MetricsRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code mpmetrics demo}: several worker JVMs ({@link DemoWorker}) update the same metrics in one
 * file as fast as they can while this process serves them on {@code /metrics} and shows the
 * request rate; at the end every worker says how many requests it counted and the demo checks
 * that the file holds exactly that many (exit code {@value Main#LOST} if not).
 *
 * <pre>
 * ./mpmetrics demo                                  # 2 workers, 10 s
 * ./mpmetrics demo --workers 4 --seconds 30 --port 9464 --file /tmp/demo.mpm
 * JAVA_OPTS=-Dmpmetrics.backend=locking ./mpmetrics demo
 * </pre>
 *
 * <p>Ctrl-C stops the workers (they report what they counted), prints what is known so far and
 * removes the demo's own file.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start worker JVMs that update every metric type in one file together, serve /metrics "
                + "while they run, and check at the end that no request was lost."})
final class DemoCommand implements Callable<Integer> {
    /** How long workers may take to start (JVM start on a busy machine, backend probes). */
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long EXIT_TIMEOUT_SECONDS = 30;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "worker JVMs to start (1-64); default: ${DEFAULT-VALUE}")
    int workerCount;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "how long the workers run once started; default: ${DEFAULT-VALUE}")
    int seconds;

    @Option(names = "--port", paramLabel = "P",
            description = "port of http://127.0.0.1:P/metrics; default: " + MetricsServer.DEFAULT_PORT
                    + ", or a free port if that one is taken (0: any free port)")
    Integer port;

    @Option(names = "--file", paramLabel = "FILE",
            description = "heap file to use (created if missing; kept); default: a new file in "
                    + "/dev/shm/mpmetrics-$USER, removed at the end unless --keep")
    Path file;

    @Option(names = "--keep", description = "keep the demo's own file at the end (to inspect, dump or serve it)")
    boolean keep;

    @Spec
    CommandSpec spec;

    private final AtomicBoolean finishing = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final PrintStream out = System.out;
    private Progress progress;
    private MetricsRegistry registry;
    private MetricsServer server;
    private Path path;
    private boolean freshFile;
    private DemoTotals before = DemoTotals.ZERO;
    private long runStartNanos;
    private long runEndNanos;

    @Override
    public Integer call() throws Exception {
        validate();
        progress = new Progress(System.err, Progress.isTerminal());
        freshFile = file == null;
        path = freshFile ? newDemoFile() : RegistryFiles.absolute(file);
        registry = RegistryFiles.openOrCreate(path);
        try {
            before = DemoTotals.read(registry);
            server = MetricsServer.start(registry, "127.0.0.1", port == null ? MetricsServer.DEFAULT_PORT : port,
                    port == null);
        } catch (RuntimeException e) {
            closeFile(false);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "mpmetrics-demo-stop"));
        out.printf(Locale.ROOT, "mpmetrics demo: %d worker JVM%s for %d s, sharing %s%n", workerCount,
                workerCount == 1 ? "" : "s", seconds, path);
        out.println("scrape: " + server.url());
        out.flush();
        try {
            startWorkers();
            run();
        } catch (Exception | Error e) {
            if (finishing.compareAndSet(false, true)) {
                try {
                    progress.end();
                    stopWorkers(2);
                    cleanUp();
                } finally {
                    finished.countDown();
                }
            }
            throw e;
        }
        if (!finishing.compareAndSet(false, true)) {
            // Ctrl-C came first: the shutdown hook reports and cleans up, then the JVM exits.
            finished.await();
            return Main.FAILED;
        }
        try {
            stopWorkers(EXIT_TIMEOUT_SECONDS);
            return report(false);
        } finally {
            cleanUp();
            finished.countDown();
        }
    }

    private void validate() {
        if (workerCount < 1 || workerCount > 64) {
            throw new ParameterException(spec.commandLine(), "--workers must be 1..64, got " + workerCount);
        }
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--seconds must be at least 1, got " + seconds);
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
    }

    private static Path newDemoFile() {
        try {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
            return Heap.defaultDirectory().resolve("demo-" + stamp + "-" + ProcessHandle.current().pid() + ".mpm");
        } catch (IOException e) {
            throw new CliException("cannot use the default directory for heap files: " + Errors.describe(e)
                    + " (give a file with --file)", e);
        }
    }

    private void startWorkers() throws IOException, InterruptedException {
        for (int i = 1; i <= workerCount && !finishing.get(); i++) {
            WorkerProcess w = WorkerProcess.start(i, path, progress);
            synchronized (workers) {
                workers.add(w);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        for (WorkerProcess w : snapshot()) {
            if (!w.awaitReady(deadline) && !finishing.get()) {
                throw new CliException(w.alive()
                        ? "worker " + w.id + " was not ready after " + READY_TIMEOUT_SECONDS + " s"
                        : "worker " + w.id + " exited with code " + w.exitCode() + " before it started (see its "
                                + "messages above)");
            }
        }
    }

    /** Shows the progress line until the time is up; fails if a worker dies meanwhile. */
    private void run() throws InterruptedException {
        long tick = TimeUnit.MILLISECONDS.toNanos(progress.terminal() ? 250 : 1000);
        runStartNanos = System.nanoTime();
        long end = runStartNanos + TimeUnit.SECONDS.toNanos(seconds);
        long lastNanos = runStartNanos;
        long lastRequests = DemoTotals.read(registry).minus(before).requests();
        long next = runStartNanos;
        while (!finishing.get()) {
            next = Math.min(next + tick, end);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (WorkerProcess w : snapshot()) {
                if (!w.alive() && !finishing.get()) {
                    throw new CliException("worker " + w.id + " exited with code " + w.exitCode()
                            + " while running (see its messages above)");
                }
            }
            long now = System.nanoTime();
            DemoTotals t = DemoTotals.read(registry).minus(before);
            double rate = (t.requests() - lastRequests) * 1e9 / Math.max(1, now - lastNanos);
            lastRequests = t.requests();
            lastNanos = now;
            progress.update(String.format(Locale.ROOT, "%5.1f s  %,14d requests  %,11.0f/s  in progress %2.0f  %s",
                    (now - runStartNanos) / 1e9, t.requests(), rate, t.inProgress(), server.url()));
            if (now >= end) {
                break;
            }
        }
    }

    private void stopWorkers(long timeoutSeconds) throws InterruptedException {
        runEndNanos = System.nanoTime();
        List<WorkerProcess> all = snapshot();
        for (WorkerProcess w : all) {
            w.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (WorkerProcess w : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!w.awaitExit(left, TimeUnit.NANOSECONDS)) {
                w.destroy(2000);
            }
        }
    }

    /** Prints each worker's count next to the file's totals; {@link Main#OK} if they agree. */
    private int report(boolean interrupted) {
        progress.end();
        DemoTotals added = DemoTotals.read(registry).minus(before);
        List<WorkerProcess> all = snapshot();
        long sum = 0;
        boolean allReported = !all.isEmpty();
        out.println();
        out.printf(Locale.ROOT, "%8s  %-8s  %-10s %15s%n", "worker", "pid", "backend", "requests");
        for (WorkerProcess w : all) {
            long n = w.requests();
            if (n < 0) {
                allReported = false;
            } else {
                sum += n;
            }
            out.printf(Locale.ROOT, "%8d  %-8d  %-10s %15s%n", w.id, w.pid(), w.backend(),
                    n < 0 ? "no report" : String.format(Locale.ROOT, "%,d", n));
        }
        out.printf(Locale.ROOT, "%8s  %-8s  %-10s %,15d%n", "all", "", "", sum);
        out.println();
        out.println("in the file" + (before.equals(DemoTotals.ZERO) ? ":" : " (added by this run):"));
        out.printf(Locale.ROOT, "  %-37s %,15d%n", "demo_requests_total (all labels)", added.requests());
        out.printf(Locale.ROOT, "  %-37s %,15d%n", "demo_request_duration_seconds_count", added.histogramCount());
        out.printf(Locale.ROOT, "  %-37s %,15d%n", "demo_response_size_bytes_count", added.summaryCount());
        out.println();
        double elapsed = Math.max(1, runEndNanos - runStartNanos) / 1e9;
        int code;
        if (!allReported) {
            out.println("cannot compare: not every worker reported its count"
                    + (interrupted ? " (interrupted)" : ""));
            code = Main.FAILED;
        } else if (added.requests() == sum && added.histogramCount() == sum && added.summaryCount() == sum) {
            out.printf(Locale.ROOT, "nothing lost: the file holds every request the workers counted "
                    + "(%,d in %.1f s, %,.0f/s)%n", sum, elapsed, sum / elapsed);
            code = Main.OK;
        } else {
            out.printf(Locale.ROOT, "LOST UPDATES: the workers counted %,d requests, the file holds %,d "
                    + "(counter), %,d (histogram), %,d (summary)%n", sum, added.requests(), added.histogramCount(),
                    added.summaryCount());
            code = Main.LOST;
        }
        out.flush();
        return code;
    }

    /** Ctrl-C (or a kill): stop the workers, say what they counted, clean up. */
    private void onShutdown() {
        if (!finishing.compareAndSet(false, true)) {
            try {
                // The normal end is under way (or done): let it finish its report.
                finished.await(EXIT_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            progress.message("mpmetrics demo: interrupted; stopping the workers");
            stopWorkers(5);
            report(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Errors.report(new java.io.PrintWriter(System.err, true), e);
        } finally {
            cleanUp();
            finished.countDown();
        }
    }

    private void cleanUp() {
        for (WorkerProcess w : snapshot()) {
            try {
                w.destroy(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            server.close();
        }
        closeFile(true);
    }

    /** Closes the file and removes it if the demo made it (and --keep is not given). */
    private void closeFile(boolean say) {
        try {
            registry.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
        if (freshFile && !keep) {
            try {
                Files.deleteIfExists(path);
                if (say) {
                    out.println("file " + path + " removed (use --keep or --file to keep it)");
                }
            } catch (IOException e) {
                out.println("could not remove " + path + ": " + Errors.describe(e));
            }
        } else if (say) {
            out.println("file kept: " + path + "  (./mpmetrics inspect --file " + path + ")");
        }
        out.flush();
    }

    private List<WorkerProcess> snapshot() {
        synchronized (workers) {
            return new ArrayList<>(workers);
        }
    }
}
