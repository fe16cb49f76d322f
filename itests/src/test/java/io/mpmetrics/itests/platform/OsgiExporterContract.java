package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpmetrics.itests.platform.FelixWithMpmetrics.Mediator;
import io.mpmetrics.itests.platform.ProbeProgram.Result;
import io.mpmetrics.itests.platform.probe.MetricsProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The metrics and exporter bundles inside OSGi, for either deployment of SPI Fly: Apache Felix
 * in this JVM with the real api, backend, metrics and exporter bundles, the client_java bundles
 * and jsr305 (see {@link FelixWithMpmetrics#launchWithExporter}). Everything resolves and
 * starts; a registry opened through the metrics bundle runs on a backend bundle found by SPI Fly,
 * and the exporter bundle writes it with client_java's writers; and one metrics file is shared
 * by a class-path JVM, this OSGi framework and a module-path JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OsgiExporterContract {
    private static final String FORCE = "mpmetrics.backend";

    private FelixWithMpmetrics felix;
    private ExporterBundles bundles;
    private String forcedBefore;

    /** How SPI Fly is deployed in this variant. */
    abstract Mediator mediator();

    @BeforeAll
    void launch(@TempDir Path storage) throws Exception {
        ModulePathDiscoveryTest.assumeNoForcedBackend();
        forcedBefore = System.clearProperty(FORCE);
        long start = System.nanoTime();
        felix = FelixWithMpmetrics.launchWithExporter(storage, mediator());
        bundles = felix.exporter();
        System.out.printf("%s: Felix with SPI Fly (%s), api, 3 backends, metrics, exporter, client_java and jsr305 "
                + "up in %d ms%n", getClass().getSimpleName(), mediator(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @AfterAll
    void shutDown() throws Exception {
        if (forcedBefore != null) {
            System.setProperty(FORCE, forcedBefore);
        }
        if (felix != null) {
            felix.close();
        }
    }

    @Test
    void everyBundleOfTheMetricsStackResolvesAndStartsWiredToTheOthers() {
        Map<String, Bundle> stack = felix.metricsStack();
        assertEquals(FelixWithMpmetrics.METRICS_STACK, List.copyOf(stack.keySet()));
        stack.forEach((name, b) -> assertEquals(Bundle.ACTIVE, b.getState(), name));

        Bundle metrics = stack.get("io.mpmetrics.metrics");
        Bundle exporter = stack.get("io.mpmetrics.exporter");
        Bundle model = stack.get("io.prometheus.metrics-model");
        assertSame(felix.api(), provider(metrics, "io.mpmetrics.heap"));
        assertSame(felix.api(), provider(metrics, "io.mpmetrics.types"));
        assertSame(metrics, provider(exporter, "io.mpmetrics.metrics"));
        assertSame(model, provider(exporter, "io.prometheus.metrics.model.snapshots"));
        assertSame(stack.get("io.prometheus.metrics-exposition-textformats"),
                provider(exporter, "io.prometheus.metrics.expositionformats"));
        assertSame(stack.get("io.prometheus.metrics-config"), provider(model, "io.prometheus.metrics.config"));
        for (String client : List.of("io.prometheus.metrics-config", "io.prometheus.metrics-model",
                "io.prometheus.metrics-exposition-textformats")) {
            assertSame(stack.get("org.jsr-305"), provider(stack.get(client), "javax.annotation"),
                    client + " must get javax.annotation from jsr305");
        }
    }

    @Test
    void aLabelledCounterIsWrittenByTheExporterBundle(@TempDir Path dir) throws Exception {
        assertSame(felix.metricsStack().get("io.mpmetrics.exporter"),
                FrameworkUtil.getBundle(bundles.expositionClass()));
        Object registry = bundles.open(dir.resolve("osgi.mpm"));
        try {
            assertSame(felix.metricsStack().get("io.mpmetrics.metrics"), FrameworkUtil.getBundle(registry.getClass()));
            assertSame(felix.backends().get("varhandle"), FrameworkUtil.getBundle(bundles.backend(registry).getClass()),
                    "the heap runs on the backend bundle SPI Fly found for the api");

            Object jobs = bundles.counter(registry, "osgi_jobs", "Jobs run inside OSGi", "bundle");
            bundles.inc(jobs, "exporter", 1);
            bundles.inc(jobs, "exporter", 2.5);
            bundles.inc(jobs, "metrics", 0.25);
            assertEquals(3.5, bundles.get(jobs, "exporter"));

            String text = bundles.exposition(registry, "PROMETHEUS");
            assertTrue(text.contains("# HELP osgi_jobs_total Jobs run inside OSGi\n# TYPE osgi_jobs_total counter\n"),
                    text);
            assertEquals("3.5", sample(text, "osgi_jobs_total{bundle=\"exporter\"}"), text);
            assertEquals("0.25", sample(text, "osgi_jobs_total{bundle=\"metrics\"}"), text);

            String open = bundles.exposition(registry, "OPENMETRICS");
            assertTrue(open.contains("# TYPE osgi_jobs counter\n"), open);
            assertEquals("3.5", sample(open, "osgi_jobs_total{bundle=\"exporter\"}"), open);
            assertTrue(open.endsWith("# EOF\n"), open);
        } finally {
            bundles.close(registry);
        }
    }

    @Test
    void theMetricsBundleRunsOnTheLockingBackendBundleWhenForced(@TempDir Path dir) throws Exception {
        System.setProperty(FORCE, "locking");
        Object registry;
        try {
            registry = bundles.open(dir.resolve("locking.mpm"));
        } finally {
            System.clearProperty(FORCE);
        }
        try {
            assertSame(felix.backends().get("locking"), FrameworkUtil.getBundle(bundles.backend(registry).getClass()));
            Object jobs = bundles.counter(registry, "locked_jobs", "Jobs counted under locks", "kind");
            bundles.inc(jobs, "a", 4);
            bundles.inc(jobs, "a", 0.5);
            assertEquals("4.5", sample(bundles.exposition(registry, "PROMETHEUS"), "locked_jobs_total{kind=\"a\"}"));
        } finally {
            bundles.close(registry);
        }
    }

    /**
     * One file, three worlds at once: a class-path JVM writes it and exits; this framework reads
     * it through the exporter bundle and adds a series of its own; with the file still open here,
     * a module-path JVM (on another lock-free backend) adds one more and sees all three; and the
     * framework then sees the module-path JVM's series too.
     */
    @Test
    void oneFileIsSharedByAClassPathJvmThisFrameworkAndAModulePathJvm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.mpm");
        Result classPath = ProbeProgram.run(ProbeModule.METRICS.onClassPath(
                        List.of(PlatformJars.api(), PlatformJars.backend("varhandle"), PlatformJars.metrics()))
                .args(file.toString(), "classpath", "5")).assertSucceeded();
        assertEquals("probe=unnamed metrics=unnamed api=unnamed", classPath.world(), classPath::toString);
        assertEquals(List.of("classpath 5.0"), classPath.values("SERIES "), classPath::toString);
        assertTrue(Files.isRegularFile(file));

        Object reader = bundles.openExisting(file);
        try {
            String text = bundles.exposition(reader, "PROMETHEUS");
            assertTrue(text.contains("# HELP platform_jobs_total " + MetricsProbe.HELP + "\n"), text);
            assertEquals("5.0", sample(text, series("classpath")), text);
        } finally {
            bundles.close(reader);
        }

        Object registry = bundles.open(file);
        try {
            Object jobs = bundles.counter(registry, MetricsProbe.COUNTER, MetricsProbe.HELP, MetricsProbe.LABEL);
            assertEquals(5.0, bundles.get(jobs, "classpath"), "the class-path JVM's series, through a child here");
            bundles.inc(jobs, "osgi", 2);

            List<Path> modulePath = new ArrayList<>(List.of(PlatformJars.api(), PlatformJars.backend("varhandle"),
                    PlatformJars.backend("unsafe"), PlatformJars.metrics(), PlatformJars.exporter()));
            modulePath.addAll(PlatformJars.prometheus());
            Result jpms = ProbeProgram.run(ProbeModule.EXPORTER.onModulePath(modulePath)
                    .jvmOptions("-D" + FORCE + "=unsafe").args(file.toString(), "jpms", "1")).assertSucceeded();
            assertEquals("unsafe module=io.mpmetrics.backend.unsafe", jpms.value("BACKEND "), jpms::toString);
            assertEquals(List.of("classpath 5.0", "jpms 1.0", "osgi 2.0"), jpms.values("SERIES "), jpms::toString);
            String childText = String.join("\n", jpms.values("TEXT "));
            assertEquals("2.0", sample(childText, series("osgi")), jpms::toString);

            String text = bundles.exposition(registry, "PROMETHEUS");
            assertEquals("5.0", sample(text, series("classpath")), text);
            assertEquals("2.0", sample(text, series("osgi")), text);
            assertEquals("1.0", sample(text, series("jpms")), "a series another JVM added after this one opened: "
                    + text);
            assertEquals(1.0, bundles.get(jobs, "jpms"));
        } finally {
            bundles.close(registry);
        }
    }

    /** The Prometheus text series of {@link MetricsProbe}'s counter for {@code world}. */
    static String series(String world) {
        return MetricsProbe.COUNTER + "_total{" + MetricsProbe.LABEL + "=\"" + world + "\"}";
    }

    /** The value of the one sample line of {@code series} (name and labels) in an exposition. */
    static String sample(String text, String series) {
        List<String> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                values.add(line.substring(series.length() + 1));
            }
        }
        assertEquals(1, values.size(), () -> "expected one sample " + series + " in:\n" + text);
        return values.get(0);
    }

    /** The bundle {@code importer}'s import of {@code pkg} is wired to. */
    private static Bundle provider(Bundle importer, String pkg) {
        List<BundleWire> wires = importer.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
        return wires.stream().filter(w -> pkg.equals(w.getCapability().getAttributes().get("osgi.wiring.package")))
                .map(w -> w.getProvider().getBundle()).findFirst()
                .orElseThrow(() -> new AssertionError(importer.getSymbolicName() + " has no wire for " + pkg
                        + ": " + wires));
    }
}
