package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.StateSet;
import io.mpmetrics.metrics.Summary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Promise 5: a full disk is an exception, not a crash or a loss. On a 2 MiB tmpfs that the test
 * mounts (as root; skipped otherwise) and fills, growing the heap fails with an
 * {@link UncheckedIOException} naming the file, existing metrics keep working, and a second
 * process still reads every value stored before and after the failure.
 */
class FullDiskTest {
    @TempDir
    static Path dir;
    static Path mount;
    static boolean mounted;

    @BeforeAll
    static void mountTmpfs() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root (running as " + System.getProperty("user.name") + ")");
        mount = Files.createDirectory(dir.resolve("tmpfs"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?): " + output);
        mounted = true;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            Process p = new ProcessBuilder("umount", mount.toString()).redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
            }
        }
    }

    /** Fills the file system with a filler file until it is full. */
    private static Path fill() throws IOException {
        Path filler = mount.resolve("filler");
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
        return filler;
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void growthFailsCleanlyAndNothingIsLost(String backend) throws Exception {
        Path file = mount.resolve("metrics-" + backend + ".mpm");
        Path filler = null;
        Map<String, Long> figures = new LinkedHashMap<>();
        try (Heap heap = Heap.create(file, TestBackends.get(backend), Heap.DEFAULT_MAP_SIZE)) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            Counter requests = Counter.builder().name("requests").help("Requests").labelNames("method").register(registry);
            Histogram latency = Histogram.builder().name("latency_seconds").unit("seconds").help("Latency")
                    .buckets(0.1, 1).register(registry);
            Gauge level = Gauge.builder().name("level").help("Level").register(registry);
            Summary sizes = Summary.builder().name("sizes").help("Sizes").register(registry);
            StateSet phase = StateSet.builder().name("phase").help("Phase").states("a", "b").register(registry);
            requests.labelValues("GET").inc(5);
            requests.labelValues("POST").inc(2);
            latency.observe(0.05);
            latency.observe(0.5);
            level.set(3);
            sizes.observe(10);
            phase.state("b");

            filler = fill();
            // New label sets until the heap must grow: then an exception that names the file.
            UncheckedIOException failure = null;
            int created = 0;
            for (int i = 0; i < 100_000 && failure == null; i++) {
                try {
                    requests.labelValues("new-" + i).inc();
                    created++;
                } catch (UncheckedIOException e) {
                    failure = e;
                }
            }
            assertThat(failure).as("growing past a full disk").isNotNull();
            assertThat(failure.getCause().getMessage()).contains(file.toString()).contains("cannot grow");
            assertThatThrownBy(() -> heap.malloc(200_000)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(file.toString());
            long fileSize = heap.fileSize();
            assertThat(heap.used()).isLessThanOrEqualTo(fileSize);
            // A new metric (its unlabelled series needs memory) fails the same way, and keeps failing.
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> Counter.builder().name("late").help("Late").register(registry))
                        .isInstanceOf(UncheckedIOException.class);
            }
            // Existing metrics keep working, exemplars included (dropped if their block cannot be had).
            requests.labelValues("GET").incWithExemplar(1, "trace_id", "full");
            requests.labelValues("POST").inc();
            latency.observe(5);
            level.inc();
            sizes.observe(20);
            phase.state("a");
            for (int i = 0; i < created; i++) {
                requests.labelValues("new-" + i).inc();
            }
            List<String> mine = DumpMain.lines(registry.collect());
            assertThat(mine).contains("S requests [GET] counter 6.0", "S requests [POST] counter 3.0",
                    "S latency_seconds [] histogram 3 5.55 [1, 1, 1]", "S level [] gauge 4.0", "S sizes [] summary 2 30.0",
                    "S phase [] stateset 0");
            assertThat(mine.stream().filter(l -> l.startsWith("S requests [new-"))).hasSize(created)
                    .allMatch(l -> l.endsWith("counter 2.0"));
            // A second process reads exactly the same.
            assertThat(dump(file, backend)).isEqualTo(mine);
            figures.put("seriesCreatedBeforeFull", (long) created);
            figures.put("fileBytes", fileSize);

            // Space again: growth works again.
            Files.delete(filler);
            filler = null;
            requests.labelValues("after").inc();
            Counter.builder().name("late").help("Late").register(registry).inc();
            assertThat(dump(file, backend)).contains("S requests [after] counter 1.0", "S late [] counter 1.0");
        } finally {
            if (filler != null) {
                Files.deleteIfExists(filler);
            }
            Files.deleteIfExists(file);
        }
        figures.put("lostValues", 0L);
        Campaign.report("full-disk-" + backend, figures);
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void creatingAFileOnAFullDiskFailsAndCanBeRetried(String backend) throws Exception {
        Path file = mount.resolve("new-" + backend + ".mpm");
        Path filler = fill();
        try {
            assertThatThrownBy(() -> Heap.create(file, TestBackends.get(backend), Heap.DEFAULT_MAP_SIZE))
                    .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
        } finally {
            Files.delete(filler);
        }
        // Whatever the failed creator left (no magic: a file of zeros) is initialized by the next one.
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(file)) {
            Counter.builder().name("retried").help("Retried").register(registry).inc();
            assertThat(((DataPoint.CounterPoint) registry.collect().get(0).dataPoints().get(0)).value()).isEqualTo(1.0);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> dump(Path file, String backend) throws Exception {
        try (ChildJvm child = ChildJvm.builder(DumpMain.class).jvmOptions("-Xmx64m").args(file.toString(), backend)
                .start()) {
            child.awaitLine("DONE", 60, TimeUnit.SECONDS);
            child.awaitSuccess(30, TimeUnit.SECONDS);
            List<String> lines = new ArrayList<>(child.stdout());
            lines.removeIf(l -> !l.startsWith("S "));
            return lines;
        }
    }
}
