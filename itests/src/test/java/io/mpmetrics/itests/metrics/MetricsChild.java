package io.mpmetrics.itests.metrics;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;
import io.mpmetrics.spi.Backends;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The child side of the multi-process metrics tests: {@code MetricsChild MODE FILE BACKEND ARGS...}.
 * {@code BACKEND} "default" opens the file with {@link MetricsRegistry#openOrCreate} (selected backend,
 * created if missing); a backend name opens the existing heap with that backend. Modes that
 * race others print {@code READY} and start when they read {@code GO} on stdin.
 */
public final class MetricsChild {
    /** The bucket bounds of the consistency tests; children observe exactly these values. */
    static final double[] BOUNDS = {1, 2, 4};

    private MetricsChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (mode.equals("env")) {
            env();
            return;
        }
        String backend = args[2];
        Heap heap = backend.equals("default") ? null : Heap.openExisting(Paths.get(args[1]), Backends.named(backend));
        try (MetricsRegistry registry = heap == null ? MetricsRegistry.openOrCreate(Paths.get(args[1]))
                : MetricsRegistry.of(heap)) {
            switch (mode) {
                case "count":
                    count(registry, Long.parseLong(args[3]), in);
                    break;
                case "observe":
                    observe(registry, Long.parseLong(args[3]), in);
                    break;
                case "flip":
                    flip(registry, Long.parseLong(args[3]), in);
                    break;
                case "labelled":
                    labelled(registry, Integer.parseInt(args[3]), in);
                    break;
                case "register":
                    register(registry, args[3]);
                    break;
                case "labelsets":
                    labelSets(registry, Integer.parseInt(args[3]), args[4], in);
                    break;
                case "exemplars":
                    exemplarCounter(registry).incWithExemplar(2, "trace_id", args[3]);
                    exemplarHistogram(registry).observeWithExemplar(1.5, "trace_id", args[3], "span_id", "s1");
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + mode);
            }
        } finally {
            if (heap != null) {
                heap.close();
            }
        }
        System.out.println("DONE");
        System.out.flush();
    }

    /** The counters and gauges of the exact-totals test (the parent registers the same). */
    static Counter work(MetricsRegistry r) {
        return Counter.builder().name("work_total").help("Work done").register(r);
    }

    static Counter halves(MetricsRegistry r) {
        return Counter.builder().name("halves").help("Half steps").register(r);
    }

    static Counter shared(MetricsRegistry r) {
        return Counter.builder().name("shared").help("Label sets every child makes").labelNames("slot").register(r);
    }

    static Gauge level(MetricsRegistry r) {
        return Gauge.builder().name("level").help("Up and down").register(r);
    }

    static Histogram histogram(MetricsRegistry r) {
        return Histogram.builder().name("h").help("Observations on the bounds").buckets(BOUNDS).register(r);
    }

    static Summary summary(MetricsRegistry r) {
        return Summary.builder().name("s").help("Observations of 1").register(r);
    }

    static StateSet stateSet(MetricsRegistry r) {
        return StateSet.builder().name("phase").help("Flipped by children").states("default", "b", "c").register(r);
    }

    static Counter exemplarCounter(MetricsRegistry r) {
        return Counter.builder().name("jobs").help("Jobs with exemplars").register(r);
    }

    static Histogram exemplarHistogram(MetricsRegistry r) {
        return Histogram.builder().name("job_seconds").unit("seconds").help("Job durations").buckets(1, 2).register(r);
    }

    private static void count(MetricsRegistry r, long n, BufferedReader in) throws IOException {
        Counter work = work(r);
        Counter halves = halves(r);
        Counter shared = shared(r);
        Gauge level = level(r);
        ready(in);
        for (long i = 0; i < n; i++) {
            work.inc();
            halves.inc(0.5);
            shared.labelValues(Long.toString(i % 4)).inc(0.25);
            level.inc(2);
            level.dec(0.5);
            try (Gauge.InProgress p = level.trackInProgress()) {
                level.dec();
            }
        }
    }

    private static void observe(MetricsRegistry r, long millis, BufferedReader in) throws IOException {
        Histogram h = histogram(r);
        Summary s = summary(r);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long[] counts = new long[BOUNDS.length];
        if (millis < 0) {
            // Until killed: tell the parent once observations are flowing.
            for (int i = 0; i < 10_000; i++) {
                h.observe(BOUNDS[random.nextInt(BOUNDS.length)]);
                s.observe(1);
            }
            System.out.println("OBSERVING");
            System.out.flush();
            while (true) {
                h.observe(BOUNDS[random.nextInt(BOUNDS.length)]);
                s.observe(1);
            }
        }
        ready(in);
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < 64; i++) {
                int b = random.nextInt(BOUNDS.length);
                h.observe(BOUNDS[b]);
                s.observe(1);
                counts[b]++;
            }
        }
        System.out.println("OBSERVED " + counts[0] + " " + counts[1] + " " + counts[2]);
    }

    private static void flip(MetricsRegistry r, long millis, BufferedReader in) throws IOException {
        StateSet e = stateSet(r);
        e.state("b");
        ready(in);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long flips = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() - end < 0) {
            e.state(random.nextBoolean() ? "b" : "c");
            String now = e.get();
            if (!now.equals("b") && !now.equals("c")) {
                throw new AssertionError("child read state " + now);
            }
            flips++;
        }
        System.out.println("FLIPPED " + flips);
    }

    /** Registers a labelled counter, makes {@code n} label sets, then {@code n} more after MORE. */
    private static void labelled(MetricsRegistry r, int n, BufferedReader in) throws IOException {
        Counter requests = Counter.builder().name("requests").help("Requests by the child")
                .labelNames("method", "code").register(r);
        for (int i = 0; i < n; i++) {
            requests.labelValues("GET", Integer.toString(200 + i)).inc(i + 1);
        }
        System.out.println("FIRST");
        System.out.flush();
        String line = in.readLine();
        if (!"MORE".equals(line)) {
            throw new IllegalStateException("expected MORE, got " + line);
        }
        for (int i = 0; i < n; i++) {
            requests.labelValues("POST", Integer.toString(200 + i)).inc(0.5);
        }
    }

    static Counter byLabel(MetricsRegistry r) {
        return Counter.builder().name("by_label").help("One series per label set").labelNames("who", "what")
                .register(r);
    }

    /** Makes {@code n} label sets of its own (long values, to fill directory segments fast), each counted once. */
    private static void labelSets(MetricsRegistry r, int n, String who, BufferedReader in) throws IOException {
        Counter c = byLabel(r);
        String pad = "v".repeat(300);
        ready(in);
        for (int i = 0; i < n; i++) {
            c.labelValues(who, pad + i).inc();
        }
    }

    /** Tries one registration; prints REGISTERED or REFUSED with the message. */
    private static void register(MetricsRegistry r, String which) {
        try {
            switch (which) {
                case "counter-a":
                    Counter.builder().name("c").help("").labelNames("a").register(r).labelValues("x").inc(7);
                    break;
                case "counter-b":
                    Counter.builder().name("c").help("").labelNames("b").register(r);
                    break;
                case "gauge-a":
                    Gauge.builder().name("c").help("").labelNames("a").register(r);
                    break;
                case "histogram-12":
                    Histogram.builder().name("lat_seconds").unit("seconds").help("").buckets(1, 2).register(r);
                    break;
                case "histogram-13":
                    Histogram.builder().name("lat_seconds").unit("seconds").help("").buckets(1, 3).register(r);
                    break;
                case "histogram-nounit":
                    Histogram.builder().name("lat_seconds").help("").buckets(1, 2).register(r);
                    break;
                case "states-xy":
                    StateSet.builder().name("mode").help("").states("x", "y").register(r);
                    break;
                case "states-yx":
                    StateSet.builder().name("mode").help("").states("y", "x").register(r);
                    break;
                default:
                    registerByTypeAndName(r, which);
            }
            System.out.println("REGISTERED " + which);
        } catch (IllegalArgumentException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
        }
    }

    /** {@code TYPE:NAME}, e.g. {@code gauge:s_sum}: a metric of that type and name without labels. */
    private static void registerByTypeAndName(MetricsRegistry r, String which) {
        int colon = which.indexOf(':');
        if (colon < 0) {
            throw new IllegalStateException("unknown registration " + which);
        }
        String name = which.substring(colon + 1);
        switch (which.substring(0, colon)) {
            case "counter":
                Counter.builder().name(name).help("").register(r);
                break;
            case "gauge":
                Gauge.builder().name(name).help("").register(r);
                break;
            case "summary":
                Summary.builder().name(name).help("").register(r);
                break;
            case "histogram":
                Histogram.builder().name(name).help("").register(r);
                break;
            default:
                throw new IllegalStateException("unknown registration " + which);
        }
    }

    /** Uses the environment-configured registry only. */
    private static void env() {
        MetricsRegistry r = MetricsRegistry.defaultRegistry();
        Counter.builder().name("from_env").help("Counted by children").register().inc(3);
        Gauge.builder().name("child_gauge").help("Set by a child").register().set(7);
        System.out.println("PATH " + r.path());
        System.out.println("DONE");
        System.out.flush();
    }

    private static void ready(BufferedReader in) throws IOException {
        System.out.println("READY");
        System.out.flush();
        String go = in.readLine();
        if (!"GO".equals(go)) {
            throw new IllegalStateException("expected GO, got " + go);
        }
    }
}
