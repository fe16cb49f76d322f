package io.mpmetrics.cli;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.Info;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One worker JVM of {@code mpmetrics demo}: it joins the demo's file through
 * {@link MetricsRegistry#defaultRegistry()} (the environment variable {@code MPMETRICS_FILE}) and
 * handles simulated requests as fast as it can, updating one metric of every type, until its
 * stdin says {@code stop} or closes (so it also stops if the demo dies). Its protocol on stdout:
 *
 * <pre>
 * READY &lt;id&gt; &lt;pid&gt; &lt;backend&gt;     metrics registered, requests start
 * DONE &lt;id&gt; &lt;requests&gt;             stopped; the number of requests it counted
 * </pre>
 *
 * <p>The metrics (every worker registers the same ones, so they share them):
 * {@code demo_requests_total{method,status}} counter; {@code demo_request_duration_seconds}
 * histogram with trace-id exemplars; {@code demo_requests_in_progress} gauge;
 * {@code demo_response_size_bytes} summary; {@code demo_worker_phase{worker}} state set;
 * {@code demo_build_info{worker,version,java_version,backend}} info.
 */
public final class DemoWorker {
    static final String COUNTER = "demo_requests";
    static final String HISTOGRAM = "demo_request_duration_seconds";
    static final String GAUGE = "demo_requests_in_progress";
    static final String SUMMARY = "demo_response_size_bytes";
    static final String STATESET = "demo_worker_phase";
    static final String INFO = "demo_build";

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    /** Cumulative per-mille weights of {@link #METHODS}. */
    private static final int[] METHOD_WEIGHTS = {600, 850, 950, 1000};
    private static final String[] STATUSES = {"200", "404", "500"};
    private static final int[] STATUS_WEIGHTS = {900, 970, 1000};
    /** Mean simulated latency in seconds of successes and of errors. */
    private static final double FAST_MEAN = 0.015;
    private static final double SLOW_MEAN = 0.120;
    /** One request in this many leaves a trace-id exemplar. */
    private static final int EXEMPLAR_EVERY = 1024;
    /** Requests between two looks at the stop flag. */
    private static final int BATCH = 256;

    private final int id;
    private final Counter.Child[][] requests = new Counter.Child[METHODS.length][STATUSES.length];
    private final Histogram latency;
    private final Gauge inProgress;
    private final Summary payload;
    private final StateSet.Child phase;
    private final SplittableRandom random = new SplittableRandom();
    private volatile boolean stop;
    private long handled;

    private DemoWorker(int id, MetricsRegistry registry) {
        this.id = id;
        Counter counter = Counter.builder().name(COUNTER).help("Requests handled by all demo workers")
                .labelNames("method", "status").register(registry);
        for (int m = 0; m < METHODS.length; m++) {
            for (int s = 0; s < STATUSES.length; s++) {
                requests[m][s] = counter.labelValues(METHODS[m], STATUSES[s]);
            }
        }
        latency = Histogram.builder().name(HISTOGRAM).unit("seconds").help("Simulated request latency")
                .buckets(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5).register(registry);
        inProgress = Gauge.builder().name(GAUGE).help("Requests being handled right now by all workers")
                .register(registry);
        payload = Summary.builder().name(SUMMARY).unit("bytes").help("Simulated response sizes").register(registry);
        phase = StateSet.builder().name(STATESET).help("What each worker is doing").labelNames("worker")
                .states("starting", "running", "draining", "stopped").register(registry)
                .labelValues(Integer.toString(id));
        phase.state("starting");
        String version = DemoWorker.class.getPackage().getImplementationVersion();
        Info.builder().name(INFO).help("Build and runtime of each demo worker")
                .labelNames("worker", "version", "java_version", "backend").register(registry)
                .labelValues(Integer.toString(id), version == null ? "dev" : version,
                        System.getProperty("java.version"), registry.heap().backend().name());
    }

    /** Entry point: {@code DemoWorker <id>}, with {@code MPMETRICS_FILE} set. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 || MetricsRegistry.configuredFile() == null) {
            System.err.println("usage: MPMETRICS_FILE=<file> java ... " + DemoWorker.class.getName() + " <id>");
            System.exit(Main.USAGE);
        }
        int id = Integer.parseInt(args[0]);
        MetricsRegistry registry = MetricsRegistry.defaultRegistry();
        DemoWorker worker = new DemoWorker(id, registry);
        worker.run(registry.heap().backend().name());
    }

    private void run(String backend) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean reported = new AtomicBoolean();
        // Ctrl-C reaches the workers too (same process group): stop, then report what was counted.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop = true;
            try {
                finished.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            report(reported);
        }, "demo-worker-stop"));
        Thread stdin = new Thread(this::awaitStop, "demo-worker-stdin");
        stdin.setDaemon(true);
        stdin.start();

        System.out.println("READY " + id + " " + ProcessHandle.current().pid() + " " + backend);
        System.out.flush();
        phase.state("running");
        while (!stop) {
            for (int i = 0; i < BATCH; i++) {
                handle();
            }
        }
        phase.state("draining");
        phase.state("stopped");
        finished.countDown();
        report(reported);
    }

    /** One simulated request, counted in {@link #handled} once every metric has it. */
    private void handle() {
        inProgress.inc();
        int m = pick(METHOD_WEIGHTS);
        int s = pick(STATUS_WEIGHTS);
        double mean = s == 0 ? FAST_MEAN : SLOW_MEAN;
        double seconds = -Math.log(1.0 - random.nextDouble()) * mean;
        if ((handled & (EXEMPLAR_EVERY - 1)) == 0) {
            latency.observeWithExemplar(seconds, "trace_id", Long.toHexString(random.nextLong()));
        } else {
            latency.observe(seconds);
        }
        payload.observe(s == 0 ? 256 + random.nextInt(8192) : 64 + random.nextInt(256));
        requests[m][s].inc();
        inProgress.dec();
        handled++;
    }

    private int pick(int[] cumulativeWeights) {
        int r = random.nextInt(1000);
        int i = 0;
        while (r >= cumulativeWeights[i]) {
            i++;
        }
        return i;
    }

    private void awaitStop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
                // anything else is ignored
            }
        } catch (IOException ignored) {
            // a broken pipe means the demo is gone: stop as well
        }
        stop = true;
    }

    private void report(AtomicBoolean reported) {
        if (reported.compareAndSet(false, true)) {
            System.out.println("DONE " + id + " " + handled);
            System.out.flush();
        }
    }
}
