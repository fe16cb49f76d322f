package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;
import io.mpmetrics.spi.Backends;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The child side of {@link SoakTest}: {@code SoakWorker FILE BACKEND ID ACKFILE SEED}. Updates
 * its own counter, histogram, summary and gauge (acknowledged in its {@link AckFile}), flips a
 * shared state set, adds label sets now and then, and scrapes the whole file every 10 ms on a
 * second thread, checking every scrape: each histogram's count equals its bucket total; for
 * every worker's series the sum is exactly that of the observations counted (the values are a
 * known sequence, see {@link KillWorker#value}); nothing goes down between two scrapes. Prints
 * {@code BROKEN ...} and exits 3 on a violation; on {@code STOP} prints {@code STOPPED <scrapes>}.
 */
public final class SoakWorker {
    private static volatile boolean stop;

    private SoakWorker() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[2];
        Heap heap = Heap.openExisting(Paths.get(args[0]), Backends.named(args[1]));
        MetricsRegistry registry = MetricsRegistry.of(heap);
        AckFile acks = AckFile.open(Paths.get(args[3]));
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[4]));
        Counter.Child work = KillWorker.work(registry).labelValues(id);
        Histogram.Child latency = KillWorker.latency(registry).labelValues(id);
        Summary.Child sizes = KillWorker.sizes(registry).labelValues(id);
        Gauge.Child level = KillWorker.level(registry).labelValues(id);
        Counter sets = KillWorker.sets(registry);
        StateSet phase = phase(registry);
        Thread commands = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.equals("STOP")) {
                    // only STOP is understood
                }
            } catch (Exception e) {
                // the test went away
            }
            stop = true;
        }, "commands");
        commands.setDaemon(true);
        commands.start();
        long[] scrapes = {0};
        Thread scraper = new Thread(() -> {
            Map<String, double[]> last = new HashMap<>();
            while (!stop) {
                String violation = check(registry.collect(), last, "worker " + id);
                if (violation != null) {
                    broken(violation);
                }
                scrapes[0]++;
                LockSupport.parkNanos(10_000_000);
            }
        }, "scraper");
        scraper.setUncaughtExceptionHandler((t, e) -> broken(e.toString()));
        scraper.start();
        System.out.println("STARTED");
        System.out.flush();

        long counted = 0;
        long observed = 0;
        long summarized = 0;
        long gauged = 0;
        long created = 0;
        long nextLabelSet = System.nanoTime();
        for (long i = 0; !stop; i++) {
            int op = random.nextInt(10_000);
            if (op < 5_000) {
                if (op < 20) {
                    work.incWithExemplar(1, "trace_id", id + "-" + counted);
                } else {
                    work.inc();
                }
                acks.set(AckFile.COUNTER, ++counted);
            } else if (op < 8_000) {
                latency.observe(KillWorker.value(observed));
                acks.set(AckFile.HISTOGRAM, ++observed);
            } else if (op < 9_000) {
                sizes.observe(1);
                acks.set(AckFile.SUMMARY, ++summarized);
            } else if (op < 9_950) {
                level.inc();
                acks.set(AckFile.GAUGE, ++gauged);
            } else if (op < 9_953) {
                // A new label set every 200 ms or so: the file grows, but scrapes stay affordable for 10 minutes.
                long now = System.nanoTime();
                if (now - nextLabelSet >= 0) {
                    nextLabelSet = now + 200_000_000L;
                    sets.labelValues(id + "-" + created).inc();
                    acks.set(AckFile.LABEL_SETS, ++created);
                }
            } else {
                phase.state(PHASES[random.nextInt(PHASES.length)]);
            }
            if ((i & 255) == 0) {
                LockSupport.parkNanos(20_000);
            }
        }
        scraper.join();
        System.out.println("STOPPED " + scrapes[0]);
        System.out.flush();
    }

    static final String[] PHASES = {"idle", "busy", "draining"};

    static StateSet phase(MetricsRegistry r) {
        return StateSet.builder().name("phase").help("Shared phase").states(PHASES).register(r);
    }

    /**
     * Checks one scrape against itself and against the previous one ({@code last}: series key to
     * values): histogram count == bucket total; worker series sums exact; nothing decreases.
     *
     * @return the first violation, or null
     */
    static String check(List<MetricSnapshot> scrape, Map<String, double[]> last, String who) {
        for (MetricSnapshot m : scrape) {
            for (DataPoint p : m.dataPoints()) {
                String key = m.name() + p.labelValues();
                double[] now;
                if (p instanceof DataPoint.HistogramPoint h) {
                    long total = 0;
                    for (long c : h.bucketCounts()) {
                        total += c;
                    }
                    if (total != h.count()) {
                        return who + ": histogram " + h + " count != bucket total " + total;
                    }
                    if (h.sum() != KillWorker.sumOf(h.count())) {
                        return who + ": histogram " + h + " sum is not that of its " + h.count() + " observations";
                    }
                    now = new double[] {h.count(), h.sum()};
                } else if (p instanceof DataPoint.SummaryPoint s) {
                    if (s.sum() != s.count()) {
                        return who + ": summary " + s + " sum != count (every value is 1)";
                    }
                    now = new double[] {s.count(), s.sum()};
                } else if (p instanceof DataPoint.CounterPoint c) {
                    now = new double[] {c.value()};
                } else if (p instanceof DataPoint.GaugePoint g) {
                    now = new double[] {g.value()};
                } else {
                    continue;
                }
                double[] before = last.put(key, now);
                if (before != null) {
                    for (int k = 0; k < now.length; k++) {
                        if (now[k] < before[k]) {
                            return who + ": " + key + " went down from " + before[k] + " to " + now[k];
                        }
                    }
                }
            }
        }
        return null;
    }

    static void broken(String why) {
        System.out.println("BROKEN " + why);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }
}
