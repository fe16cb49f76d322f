package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.heap.Region;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Exemplar;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 1: writers killed with SIGKILL at random moments (and deliberately while holding the
 * directory lock, the heap lock, a user {@link SharedLock} or a histogram stripe) lose nothing
 * and break nothing.
 *
 * <p>Three {@link KillWorker} JVMs update one file; each round one of them is killed after a
 * random delay (fixed seed), running flat out for its last milliseconds so that the kill often
 * lands inside an update, and is replaced by a standby JVM that was started in the background.
 * The test re-opens the file after each kill and so usually gets the dead worker's process slot.
 * After every kill the test re-opens the file and checks that a scrape finishes within 2 s,
 * that every lock can be taken (and reports that its owner died where the victim held it), that
 * each worker's counter, histogram, summary and gauge equal its acknowledged count (or one more:
 * the update in flight), that every histogram's count equals its bucket total and every sum is
 * that of exactly the observations counted, and that every surviving worker still makes progress.
 */
@Timeout(value = 2, unit = TimeUnit.HOURS)
class KilledWritersTest {
    static final int WORKERS = 3;
    static final long SCRAPE_LIMIT_MILLIS = 2_000;
    static final String[] HOLD_KINDS = {"dir", "heap", "user", "stripe"};

    @TempDir
    Path dir;

    @Test
    void lockFreeWritersSurviveKills() throws Exception {
        // varhandle and unsafe share the LOCK_FREE layout: the workers alternate between them.
        campaign("lock-free", new String[] {"varhandle", "unsafe"});
    }

    @Test
    void lockingWritersSurviveKills() throws Exception {
        // Every atomic has its own lock here: a victim can die holding any of them.
        campaign("locking", new String[] {"locking"});
    }

    /** One worker JVM and what the test knows about it. */
    private static final class Incarnation {
        final String id;
        final ChildJvm jvm;
        final AckFile acks;
        boolean started;
        boolean dead;
        long[] finalAcks;
        int token;
        final Map<String, Double> deadValues = new HashMap<>();

        Incarnation(String id, ChildJvm jvm, AckFile acks) {
            this.id = id;
            this.jvm = jvm;
            this.acks = acks;
        }

        long[] acks() {
            long[] a = new long[AckFile.SLOTS];
            for (int i = 0; i < a.length; i++) {
                a[i] = acks.get(i);
            }
            return a;
        }

        long total() {
            long t = 0;
            for (long a : acks()) {
                t += a;
            }
            return t;
        }
    }

    private final Map<String, Long> figures = new LinkedHashMap<>();

    private void count(String figure, long delta) {
        figures.merge(figure, delta, Long::sum);
    }

    private void max(String figure, long value) {
        figures.merge(figure, value, Math::max);
    }

    private void campaign(String family, String[] workerBackends) throws Exception {
        int rounds = Campaign.killRounds();
        Random random = new Random(Campaign.seed() ^ family.hashCode());
        Backend backend = Backends.named(workerBackends[0]);
        Path file = dir.resolve(family + ".mpm");
        long userLock;
        try (Heap heap = Heap.create(file, backend, Heap.DEFAULT_MAP_SIZE)) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            KillWorker.work(registry);
            KillWorker.latency(registry);
            KillWorker.sizes(registry);
            KillWorker.level(registry);
            KillWorker.sets(registry);
            userLock = heap.malloc(KillWorker.USER_BLOCK).start();
        }
        List<Incarnation> all = new ArrayList<>();
        List<Incarnation> active = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < WORKERS; i++) {
                Incarnation w = launch(all, file, workerBackends, userLock, random);
                promote(w);
                active.add(w);
            }
            Incarnation standby = launch(all, file, workerBackends, userLock, random);
            Map<String, Long> progress = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                String holdKind = round % 4 == 3 ? HOLD_KINDS[(round / 4) % HOLD_KINDS.length] : null;
                Incarnation victim = active.get(random.nextInt(active.size()));
                if (holdKind != null) {
                    for (Incarnation w : active) {
                        if (w != victim) {
                            w.jvm.send("QUIET");
                            w.jvm.awaitLine("QUIETED", 30, TimeUnit.SECONDS);
                        }
                    }
                    victim.jvm.send("HOLD " + holdKind);
                    victim.jvm.awaitLine("HELD", 30, TimeUnit.SECONDS);
                    count("holdRounds." + holdKind, 1);
                }
                Thread.sleep(20 + random.nextInt(200));
                if (holdKind == null) {
                    // Flat out for a few ms first: the kill most likely lands inside an update.
                    victim.jvm.send("SPRINT");
                    Thread.sleep(1 + random.nextInt(20));
                }
                victim.jvm.kill();
                assertThat(victim.jvm.process().isAlive()).as("victim %s is dead", victim.id).isFalse();
                victim.dead = true;
                victim.finalAcks = victim.acks();
                active.remove(victim);
                count("kills", 1);
                for (Incarnation w : active) {
                    assertAlive(w);
                }
                check(round, file, backend, userLock, all, holdKind, victim);
                if (holdKind != null) {
                    for (Incarnation w : active) {
                        w.jvm.send("RESUME");
                    }
                }
                assertProgress(active, progress);
                promote(standby);
                active.add(standby);
                standby = launch(all, file, workerBackends, userLock, random);
            }
            count("rounds", rounds);
            long updates = 0;
            for (Incarnation w : all) {
                for (long a : w.dead ? w.finalAcks : w.acks()) {
                    updates += a;
                }
            }
            count("updatesAcknowledged", updates);
        } finally {
            for (Incarnation w : all) {
                w.jvm.close();
                w.acks.close();
            }
        }
        long takeovers = 0;
        for (Incarnation w : all) {
            for (String line : w.jvm.stdout()) {
                if (line.startsWith("TAKEOVER")) {
                    takeovers++;
                }
                assertThat(line).as("worker %s reported", w.id).doesNotStartWith("BROKEN");
            }
        }
        count("workerTakeovers.user", takeovers);
        count("workerJvms", all.size());
        count("seconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        figures.putIfAbsent("lostUpdates", 0L);
        figures.putIfAbsent("extraUpdates", 0L);
        Campaign.report("killed-writers-" + family, figures);
        assertThat(figures.get("lostUpdates")).as("lost updates").isZero();
        assertThat(figures.get("extraUpdates")).as("updates counted twice").isZero();
    }

    private Incarnation launch(List<Incarnation> all, Path file, String[] backends, long userLock, Random random)
            throws IOException {
        int n = all.size();
        String id = "w" + n;
        Path ack = dir.resolve(id + ".ack");
        AckFile acks = AckFile.open(ack);
        ChildJvm jvm = ChildJvm.builder(KillWorker.class)
                .jvmOptions("-Xmx64m")
                .args(file.toString(), backends[n % backends.length], id, ack.toString(),
                        Long.toString(random.nextLong()), Long.toString(userLock))
                .start();
        Incarnation w = new Incarnation(id, jvm, acks);
        all.add(w);
        return w;
    }

    private static void promote(Incarnation w) throws Exception {
        String ready = w.jvm.awaitLine("READY", 60, TimeUnit.SECONDS);
        w.token = Integer.parseInt(ready.substring("READY ".length()));
        w.jvm.send("GO");
        w.jvm.awaitLine("STARTED", 60, TimeUnit.SECONDS);
        w.started = true;
    }

    private static void assertAlive(Incarnation w) {
        assertThat(w.jvm.process().isAlive())
                .as("worker %s died on its own: stdout %s stderr %s", w.id, w.jvm.stdout(), w.jvm.stderr()).isTrue();
    }

    /** Every survivor keeps updating: none is stuck behind a lock its dead holder left. */
    private void assertProgress(List<Incarnation> active, Map<String, Long> progress) throws InterruptedException {
        for (Incarnation w : active) {
            Long before = progress.get(w.id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long now = w.total();
            while (before != null && now <= before && System.nanoTime() < deadline) {
                Thread.sleep(5);
                now = w.total();
            }
            assertThat(before == null || now > before).as("worker %s made no progress since the last round (%s)",
                    w.id, now).isTrue();
            progress.put(w.id, now);
        }
    }

    private void check(int round, Path file, Backend backend, long userLockStart, List<Incarnation> all,
                       String holdKind, Incarnation victim) throws IOException {
        String where = "round " + round + " (victim " + victim.id + (holdKind == null ? "" : " holding " + holdKind) + ")";
        try (Heap heap = Heap.openExisting(file, backend)) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            Region user = heap.block(userLockStart, KillWorker.USER_BLOCK).deref();
            Map<String, SharedLock> locks = new LinkedHashMap<>();
            locks.put("dir", Directory.openExisting(heap).lock());
            locks.put("heap", heap.lock());
            locks.put("user", backend.newLock(user, 0));
            for (Map.Entry<String, SharedLock> e : locks.entrySet()) {
                SharedLock lock = e.getValue();
                long t0 = System.nanoTime();
                assertThat(lock.tryAcquire(SCRAPE_LIMIT_MILLIS, TimeUnit.MILLISECONDS))
                        .as("%s lock usable in %s: %s", e.getKey(), where, lock).isTrue();
                try {
                    max("maxLockRecoveryMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    boolean died = lock.previousOwnerDied();
                    if (died) {
                        count("parentTakeovers." + e.getKey(), 1);
                    }
                    if (e.getKey().equals(holdKind)) {
                        assertThat(died).as("%s: the %s lock reports that its owner died", where, e.getKey()).isTrue();
                    }
                    if (e.getKey().equals("user")) {
                        long a = user.getLong(KillWorker.USER_A);
                        long b = user.getLong(KillWorker.USER_B);
                        if (died) {
                            assertThat(a - b).as("%s: guarded data", where).isBetween(0L, 1L);
                            user.putLong(KillWorker.USER_B, a);
                        } else {
                            assertThat(a).as("%s: guarded data after a normal release", where).isEqualTo(b);
                        }
                    }
                } finally {
                    lock.release();
                }
            }
            Map<String, long[]> before = new HashMap<>();
            for (Incarnation w : all) {
                if (w.started) {
                    before.put(w.id, w.dead ? w.finalAcks : w.acks());
                }
            }
            long t0 = System.nanoTime();
            List<MetricSnapshot> snapshot = registry.collect();
            long scrapeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            max("maxScrapeMillis", scrapeMillis);
            if (holdKind != null) {
                // "stripe": the victim died holding a stripe of its histogram; this process
                // usually has its slot now (slots are reused lowest first).
                max("maxScrapeMillis." + holdKind, scrapeMillis);
                if (heap.liveness().currentSlot() == HeapHeader.slotOf(victim.token)) {
                    count("holdRoundsCheckedInTheVictimsSlot." + holdKind, 1);
                }
            }
            assertThat(scrapeMillis).as("%s: scrape time", where).isLessThan(SCRAPE_LIMIT_MILLIS);
            Map<String, MetricSnapshot> byName = new HashMap<>();
            for (MetricSnapshot m : snapshot) {
                byName.put(m.name(), m);
            }
            for (Incarnation w : all) {
                if (!w.started) {
                    continue;
                }
                long[] lo = before.get(w.id);
                long[] hi = w.dead ? w.finalAcks : w.acks();
                verifyWorker(where, w, lo, hi, byName);
            }
            for (DataPoint p : byName.get("latency_seconds").dataPoints()) {
                DataPoint.HistogramPoint h = (DataPoint.HistogramPoint) p;
                assertThat(total(h.bucketCounts())).as("%s: histogram %s count == bucket total", where, h)
                        .isEqualTo(h.count());
            }
            long series = snapshot.stream().mapToLong(m -> m.dataPoints().size()).sum();
            max("seriesInFile", series);
        }
    }

    private void verifyWorker(String where, Incarnation w, long[] lo, long[] hi, Map<String, MetricSnapshot> byName) {
        List<String> me = List.of(w.id);
        DataPoint.CounterPoint work = (DataPoint.CounterPoint) point(byName, "work", me, where);
        bounded(where, w, "counter", work.value(), lo[AckFile.COUNTER], hi[AckFile.COUNTER] + 1);
        Exemplar ex = work.exemplar();
        if (ex != null) {
            assertThat(ex.labelPairs()).as("%s: exemplar of %s", where, w.id).hasSize(2);
            assertThat(ex.labelPairs().get(1)).as("%s: exemplar of %s", where, w.id).startsWith(w.id + "-");
        }
        DataPoint.HistogramPoint h = (DataPoint.HistogramPoint) point(byName, "latency_seconds", me, where);
        bounded(where, w, "histogram count", h.count(), lo[AckFile.HISTOGRAM], hi[AckFile.HISTOGRAM] + 1);
        assertThat(h.sum()).as("%s: histogram sum of %s", where, w.id)
                .isBetween(KillWorker.sumOf(lo[AckFile.HISTOGRAM]), KillWorker.sumOf(hi[AckFile.HISTOGRAM] + 1));
        DataPoint.SummaryPoint s = (DataPoint.SummaryPoint) point(byName, "sizes", me, where);
        bounded(where, w, "summary count", s.count(), lo[AckFile.SUMMARY], hi[AckFile.SUMMARY] + 1);
        bounded(where, w, "summary sum", s.sum(), lo[AckFile.SUMMARY], hi[AckFile.SUMMARY] + 1);
        // The sum is that of exactly the observations counted, even right after a kill inside one.
        assertThat(h.sum()).as("%s: histogram sum of %s is that of its %d observations", where, w.id, h.count())
                .isEqualTo(KillWorker.sumOf(h.count()));
        assertThat(s.sum()).as("%s: summary sum of %s is that of its %d observations", where, w.id, s.count())
                .isEqualTo((double) s.count());
        DataPoint.GaugePoint g = (DataPoint.GaugePoint) point(byName, "level", me, where);
        bounded(where, w, "gauge", g.value(), lo[AckFile.GAUGE], hi[AckFile.GAUGE] + 1);
        long sets = 0;
        for (DataPoint p : byName.get("sets").dataPoints()) {
            String set = p.labelValues().get(0);
            if (set.startsWith(w.id + "-")) {
                sets++;
                long index = Long.parseLong(set.substring(w.id.length() + 1));
                double v = ((DataPoint.CounterPoint) p).value();
                if (index < lo[AckFile.LABEL_SETS]) {
                    assertThat(v).as("%s: label set %s", where, set).isEqualTo(1.0);
                } else {
                    assertThat(v).as("%s: label set %s", where, set).isBetween(0.0, 1.0);
                }
            }
        }
        bounded(where, w, "label sets", sets, lo[AckFile.LABEL_SETS], hi[AckFile.LABEL_SETS] + 1);
        if (w.dead) {
            if (w.deadValues.isEmpty()) {
                // First check after the kill: was an update caught half-way (done, not acknowledged)?
                boolean inFlight = work.value() > hi[AckFile.COUNTER] || h.count() > hi[AckFile.HISTOGRAM]
                        || s.count() > hi[AckFile.SUMMARY] || g.value() > hi[AckFile.GAUGE]
                        || sets > hi[AckFile.LABEL_SETS];
                count("updatesInFlightAtKill", inFlight ? 1 : 0);
            }
            // A dead writer's values never change again.
            for (Map.Entry<String, Double> v : Map.of("counter", work.value(), "histogram", (double) h.count(),
                    "summary", (double) s.count(), "gauge", g.value(), "sets", (double) sets).entrySet()) {
                Double first = w.deadValues.putIfAbsent(v.getKey(), v.getValue());
                if (first != null) {
                    assertThat(v.getValue()).as("%s: %s of dead worker %s changed", where, v.getKey(), w.id)
                            .isEqualTo(first);
                }
            }
        }
    }

    private void bounded(String where, Incarnation w, String what, double value, long min, long max) {
        if (value < min) {
            count("lostUpdates", 1);
        } else if (value > max) {
            count("extraUpdates", 1);
        }
        assertThat(value).as("%s: %s of %s %s (acknowledged %d..%d, +1 in flight)", where, what,
                w.dead ? "dead worker" : "worker", w.id, min, max - 1).isBetween((double) min, (double) max);
    }

    private static DataPoint point(Map<String, MetricSnapshot> byName, String metric, List<String> labels,
                                   String where) {
        MetricSnapshot m = byName.get(metric);
        assertThat(m).as("%s: metric %s in the scrape", where, metric).isNotNull();
        for (DataPoint p : m.dataPoints()) {
            if (p.labelValues().equals(labels)) {
                return p;
            }
        }
        throw new AssertionError(where + ": series " + metric + labels + " missing from the scrape");
    }

    private static long total(long[] counts) {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }
}
