package io.mpmetrics.itests.platform;

import static io.mpmetrics.itests.platform.OsgiExporterContract.sample;
import static io.mpmetrics.itests.platform.OsgiExporterContract.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpmetrics.itests.platform.ProbeProgram.Result;
import io.mpmetrics.itests.platform.probe.MetricsProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics and exporter modules on the JPMS module path: probe modules that only
 * {@code requires io.mpmetrics.exporter} (or {@code io.mpmetrics.metrics}) run as
 * {@code java -p <jars> -m ...} in child JVMs, with the client_java jars as automatic modules
 * and the backend found through the api's {@code uses}.
 */
class ModulePathMetricsTest {
    @BeforeAll
    static void nothingForced() {
        ModulePathDiscoveryTest.assumeNoForcedBackend();
    }

    @Test
    void theExporterModuleWritesACounterWithTheClientJavaAutomaticModules(@TempDir Path dir) throws Exception {
        List<Path> modulePath = new ArrayList<>(List.of(PlatformJars.api(), PlatformJars.backend("varhandle"),
                PlatformJars.metrics(), PlatformJars.exporter()));
        modulePath.addAll(PlatformJars.prometheus());
        Result r = ProbeProgram.run(ProbeModule.EXPORTER.onModulePath(modulePath)
                .args(dir.resolve("jpms.mpm").toString(), "jpms", "3")).assertSucceeded();

        assertEquals("probe=" + ProbeModule.EXPORTER.name() + " metrics=io.mpmetrics.metrics api=io.mpmetrics.api",
                r.world(), r::toString);
        assertEquals(List.of("io.mpmetrics.api automatic=false", "io.mpmetrics.backend.varhandle automatic=false",
                        "io.mpmetrics.exporter automatic=false", "io.mpmetrics.metrics automatic=false",
                        "io.prometheus.metrics.config automatic=true", "io.prometheus.metrics.model automatic=true",
                        "io.prometheus.writer.text automatic=true"),
                r.values("MODULE "), () -> "the boot layer's mpmetrics and client_java modules: " + r);
        assertEquals("exporter=io.mpmetrics.exporter model=io.prometheus.metrics.model writer=io.prometheus.writer.text",
                r.value("EXPORTER "), r::toString);
        assertEquals("varhandle module=io.mpmetrics.backend.varhandle", r.value("BACKEND "), r::toString);
        assertEquals(List.of("jpms 3.0"), r.values("SERIES "), r::toString);

        List<String> text = r.values("TEXT ");
        assertTrue(text.containsAll(List.of("# HELP platform_jobs_total " + MetricsProbe.HELP,
                "# TYPE platform_jobs_total counter")), r::toString);
        assertEquals("3.0", sample(String.join("\n", text), series("jpms")), r::toString);
    }

    /**
     * The metrics module without the exporter and client_java (none of them on the module path),
     * here on the locking backend; a second JVM adds to the same file and sees the first's series.
     */
    @Test
    void theMetricsModuleWorksAloneOnTheModulePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics-only.mpm");
        List<Path> modulePath = List.of(PlatformJars.api(), PlatformJars.backend("locking"), PlatformJars.metrics());
        Result first = ProbeProgram.run(ProbeModule.METRICS.onModulePath(modulePath)
                .args(file.toString(), "first", "2.5")).assertSucceeded();

        assertEquals("probe=" + ProbeModule.METRICS.name() + " metrics=io.mpmetrics.metrics api=io.mpmetrics.api",
                first.world(), first::toString);
        assertEquals(List.of("io.mpmetrics.api automatic=false", "io.mpmetrics.backend.locking automatic=false",
                "io.mpmetrics.metrics automatic=false"), first.values("MODULE "), first::toString);
        assertEquals("locking module=io.mpmetrics.backend.locking", first.value("BACKEND "), first::toString);
        assertEquals(List.of("first 2.5"), first.values("SERIES "), first::toString);

        Result second = ProbeProgram.run(ProbeModule.METRICS.onModulePath(modulePath)
                .args(file.toString(), "second", "1")).assertSucceeded();
        assertEquals(List.of("first 2.5", "second 1.0"), second.values("SERIES "), second::toString);
    }
}
