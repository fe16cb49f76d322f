package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.Info;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promise 2: a damaged or foreign file is a result or a documented exception naming the file
 * (see {@link Outcomes}), never a JVM crash, a hang or an out-of-memory error, with every
 * backend, unsafe included.
 *
 * <p>From valid files holding every metric type (labels, exemplars) of each layout family,
 * {@link FuzzMain} child JVMs (one per backend and one choosing by the file's header,
 * {@code -Xmx64m}) make the same
 * {@link Campaign#mutations()} damaged copies per family ({@link Mutator}) and open, scrape and
 * write to each. The test fails on an undocumented outcome, a case over 5 s, an exit by signal,
 * an {@code hs_err} file or leaked file descriptors.
 */
class CorruptFilesTest {
    static final int THREADS = 4;
    /** One child per backend, and one that lets the file's header choose ({@code Heap.openExisting(path)}). */
    static final List<String> CHILDREN = List.of("varhandle", "unsafe", "locking", "auto");

    @TempDir
    static Path dir;
    static Path lockFree4k;
    static Path lockFree64k;
    static Path locking4k;

    @BeforeAll
    static void validFiles() throws IOException {
        lockFree4k = build("lockfree-4k.mpm", "varhandle", 4096);
        lockFree64k = build("lockfree-64k.mpm", "unsafe", Heap.DEFAULT_MAP_SIZE);
        locking4k = build("locking-4k.mpm", "locking", 4096);
    }

    /** A valid file with every metric type, labelled and not, with exemplars. */
    static Path build(String name, String backend, long mapSize) throws IOException {
        Path file = dir.resolve(name);
        try (Heap heap = Heap.create(file, TestBackends.get(backend), mapSize)) {
            populate(MetricsRegistry.of(heap));
        }
        return file;
    }

    static void populate(MetricsRegistry r) {
        Counter requests = Counter.builder().name("requests").help("Requests").labelNames("method", "status")
                .register(r);
        requests.labelValues("GET", "200").incWithExemplar(3, "trace_id", "4bf92f3577b34da6");
        requests.labelValues("POST", "500").inc(2.5);
        Counter.builder().name("jobs").help("Jobs").register(r).inc();
        Gauge pool = Gauge.builder().name("pool_size").help("Pool").labelNames("pool").register(r);
        pool.labelValues("a").set(4.5);
        pool.labelValues("b").dec();
        Gauge.builder().name("temperature").help("T").register(r).set(-1.25);
        Summary.builder().name("payload_bytes").unit("bytes").help("Payloads").register(r).observe(512);
        Summary sizes = Summary.builder().name("sizes").help("Sizes").labelNames("kind").register(r);
        sizes.labelValues("small").observe(1);
        sizes.labelValues("large").observe(1e6);
        Histogram latency = Histogram.builder().name("latency_seconds").unit("seconds").help("Latency")
                .buckets(0.1, 1, 10).labelNames("path").register(r);
        latency.labelValues("/").observeWithExemplar(0.5, "trace_id", "t1");
        latency.labelValues("/").observe(5);
        latency.labelValues("/api").observe(50);
        Histogram.builder().name("default_buckets").help("Default").register(r).observe(0.2);
        StateSet phase = StateSet.builder().name("phase").help("Phase").states("starting", "running", "stopping")
                .labelNames("worker").register(r);
        phase.labelValues("w1").state("running");
        Info.builder().name("build").help("Build").labelNames("version", "commit").register(r)
                .labelValues("1.0.0", "a1b2c3");
    }

    @Test
    void damagedCopiesAreResultsOrDocumentedExceptions() throws Exception {
        int mutations = Campaign.mutations();
        String[] groups = {
            "lock-free:" + mutations + ":" + lockFree4k + "," + lockFree64k,
            "locking:" + mutations + ":" + locking4k,
        };
        Map<String, Long> totals = new LinkedHashMap<>();
        long started = System.nanoTime();
        List<String[]> runs = new ArrayList<>();
        for (String backend : CHILDREN) {
            List<String> args = new ArrayList<>(List.of("mutate", "", Long.toString(Campaign.seed()),
                    Integer.toString(THREADS)));
            args.addAll(Arrays.asList(groups));
            runs.add(new String[] {backend, String.join("\u0000", args)});
        }
        runChildren("mutate", runs, totals, TimeUnit.MINUTES.toSeconds(20));
        long copies = totals.getOrDefault("copies", 0L) / CHILDREN.size();
        assertThat(copies).as("damaged copies per backend").isEqualTo(2L * mutations);
        totals.put("mutationsPerFamily", (long) mutations);
        totals.put("openAttempts", totals.get("copies"));
        totals.put("seconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        Campaign.report("corrupt-files", totals);
        assertThat(totals.getOrDefault("UNDOCUMENTED", 0L)).as("undocumented outcomes").isZero();
        assertThat(totals.getOrDefault("OutOfMemoryError", 0L)).as("out-of-memory errors").isZero();
        // The fuzz must really reach the parsers: plenty of results and of each refusal.
        assertThat(totals.getOrDefault("result", 0L)).isGreaterThan(copies / 10);
        assertThat(totals.getOrDefault("HeapFileException", 0L)).isGreaterThan(copies / 20);
        assertThat(totals.getOrDefault("CorruptMetricsException", 0L)).isGreaterThan(copies / 50);
    }

    @Test
    void foreignFilesAreRefused() throws Exception {
        Map<String, Long> totals = new LinkedHashMap<>();
        List<String[]> runs = new ArrayList<>();
        int perBackend = 0;
        for (String backend : CHILDREN) {
            List<Path> files = foreignFiles(Files.createDirectory(dir.resolve("foreign-" + backend)));
            perBackend = files.size();
            List<String> args = new ArrayList<>(List.of("foreign", ""));
            files.forEach(f -> args.add(f.toString()));
            runs.add(new String[] {backend, String.join("\u0000", args)});
        }
        List<String> verdicts = runChildren("foreign", runs, totals, 300);
        totals.put("foreignFilesPerBackend", (long) perBackend);
        Campaign.report("foreign-files", totals);
        assertThat(totals.getOrDefault("UNDOCUMENTED", 0L)).as("undocumented outcomes").isZero();
        assertThat(totals.getOrDefault("foreign.openOrCreate.UNDOCUMENTED", 0L)).isZero();
        assertThat(verdicts).hasSize(perBackend * CHILDREN.size());
        for (String verdict : verdicts) {
            // FOREIGN name reader=outcome writer=outcome
            String[] f = verdict.split(" ");
            String name = f[1];
            assertThat(f[2]).as("a reader of %s", name).isNotEqualTo("reader=result");
            // A writer initializes a missing path, an empty file and an all-zero one (what a
            // creator that died before writing the header leaves); the magic-* files carry a
            // real heap header, so they open as heaps (and their registry is refused as corrupt).
            // Everything else is refused.
            boolean mayInitialize = name.equals("missing.mpm") || name.equals("empty.mpm") || name.startsWith("zeros-")
                    || name.startsWith("magic-");
            if (!mayInitialize) {
                assertThat(f[3]).as("a writer of %s", name).isNotEqualTo("writer=result");
            } else if (!name.startsWith("magic-")) {
                assertThat(f[3]).as("a writer of %s", name).isEqualTo("writer=result");
            }
        }
    }

    static final int[] ZERO_SIZES = {1, 100, 4096, 20_000, 70_000};

    /** Files that are not ours: random bytes, an empty file, zeros, a directory, a FIFO, symlinks, devices. */
    private static List<Path> foreignFiles(Path in) throws Exception {
        List<Path> files = new ArrayList<>();
        Random random = new Random(Campaign.seed());
        files.add(Files.createFile(in.resolve("empty.mpm")));
        for (int size : ZERO_SIZES) {
            files.add(Files.write(in.resolve("zeros-" + size + ".mpm"), new byte[size]));
        }
        for (int i = 0; i < 40; i++) {
            byte[] noise = new byte[1 + random.nextInt(i < 20 ? 256 : 200_000)];
            random.nextBytes(noise);
            files.add(Files.write(in.resolve("random-" + i + ".mpm"), noise));
        }
        byte[] valid = Files.readAllBytes(lockFree4k);
        for (int i = 0; i < 20; i++) {
            // Our magic and header fields, then noise: gets past the first checks.
            byte[] bytes = new byte[64 + random.nextInt(valid.length)];
            random.nextBytes(bytes);
            System.arraycopy(valid, 0, bytes, 0, 64 + random.nextInt(64));
            files.add(Files.write(in.resolve("magic-" + i + ".mpm"), bytes));
        }
        byte[] swapped = valid.clone();
        ByteBuffer b = ByteBuffer.wrap(swapped).order(ByteOrder.nativeOrder());
        for (int at = 0; at < 128; at += 8) {
            b.putLong(at, Long.reverseBytes(b.getLong(at)));
        }
        files.add(Files.write(in.resolve("other-byte-order.mpm"), swapped));
        files.add(Files.writeString(in.resolve("text.mpm"), "# HELP requests_total Requests\nrequests_total 1\n"));
        files.add(Files.createDirectory(in.resolve("directory.mpm")));
        Path fifo = in.resolve("fifo.mpm");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
        files.add(fifo);
        Path copy = Files.copy(lockFree4k, in.resolve("valid-target.mpm"));
        files.add(Files.createSymbolicLink(in.resolve("link-to-valid.mpm"), copy));
        files.add(Files.createSymbolicLink(in.resolve("link-to-fifo.mpm"), fifo));
        files.add(Files.createSymbolicLink(in.resolve("link-dangling.mpm"), in.resolve("nothing-here")));
        files.add(Files.createSymbolicLink(in.resolve("link-to-dev-zero.mpm"), Path.of("/dev/zero")));
        files.add(Path.of("/dev/null"));
        files.add(in.resolve("missing.mpm"));
        return files;
    }

    /** Runs one FuzzMain child per {backend, NUL-separated args} and adds up their SUMMARY counts. */
    private List<String> runChildren(String mode, List<String[]> runs, Map<String, Long> totals, long timeoutSeconds)
            throws Exception {
        List<String> verdicts = new ArrayList<>();
        List<ChildJvm> children = new ArrayList<>();
        List<Path> workDirs = new ArrayList<>();
        Path report = Path.of(System.getProperty(Campaign.PREFIX + "reportDir", "target/reliability"));
        Files.createDirectories(report);
        try {
            for (String[] run : runs) {
                Path work = Files.createDirectory(dir.resolve(mode + "-work-" + run[0]));
                workDirs.add(work);
                String[] args = run[1].split("\u0000", -1);
                args[1] = work.toString();
                List<String> options = new ArrayList<>(List.of("-Xmx64m",
                        "-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"), "-XX:-CreateCoredumpOnCrash"));
                if (!run[0].equals("auto")) {
                    options.add("-Dmpmetrics.backend=" + run[0]);
                }
                children.add(ChildJvm.builder(FuzzMain.class).jvmOptions(options.toArray(new String[0])).args(args)
                        .start());
            }
            for (int i = 0; i < children.size(); i++) {
                ChildJvm child = children.get(i);
                int code = child.awaitExitCode(timeoutSeconds, TimeUnit.SECONDS);
                List<String> out = child.stdout();
                out.stream().filter(l -> l.startsWith("FOREIGN ")).forEach(verdicts::add);
                for (String line : out) {
                    assertThat(line).as("%s child %s", mode, runs.get(i)[0]).doesNotStartWith("HANG");
                }
                List<String> badLines = out.stream().filter(l -> l.startsWith("BAD")).limit(5).toList();
                assertThat(code).as("%s child %s exit code (> 128: killed by a signal); first BAD lines %s; stderr %s",
                        mode, runs.get(i)[0], badLines, child.stderr()).isZero();
                try (Stream<Path> crashes = Files.list(workDirs.get(i))) {
                    assertThat(crashes.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList())
                            .as("hs_err files").isEmpty();
                }
                String summary = out.stream().filter(l -> l.startsWith("SUMMARY")).findFirst()
                        .orElseThrow(() -> new AssertionError("no SUMMARY from " + child.stderr()));
                long fdsBefore = 0;
                for (String field : summary.split(" ")) {
                    String[] kv = field.split("=", 2);
                    if (kv.length != 2 || kv[0].equals("backend")) {
                        continue;
                    }
                    long v = Long.parseLong(kv[1]);
                    if (kv[0].equals("fdsBefore")) {
                        fdsBefore = v;
                    } else if (kv[0].equals("fdsAfter")) {
                        assertThat(v - fdsBefore).as("file descriptors leaked by %s", runs.get(i)[0]).isLessThan(8);
                    } else if (kv[0].equals("slowestMillis")) {
                        totals.merge(kv[0], v, Math::max);
                    } else {
                        totals.merge(kv[0], v, Long::sum);
                    }
                }
                // Every reproducer (copy number, mutation, stack) and a sample of each refusal, for the report.
                Files.write(report.resolve(mode + "-bad-" + runs.get(i)[0] + ".txt"),
                        out.stream().filter(l -> l.startsWith("BAD")).toList());
                Files.write(report.resolve(mode + "-samples-" + runs.get(i)[0] + ".txt"),
                        out.stream().filter(l -> l.startsWith("SAMPLE")).sorted().toList());
                if (!badLines.isEmpty()) {
                    System.out.println("[reliability] " + runs.get(i)[0] + " BAD: " + String.join("\n", badLines));
                }
            }
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
        totals.put("crashes", 0L);
        totals.put("hangs", 0L);
        return verdicts;
    }
}
