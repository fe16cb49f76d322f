package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real jars the platform tests run: api, the three backends, metrics, exporter, the
 * client_java jars the exporter needs, Apache Felix, SPI Fly and jsr305, copied by
 * maven-dependency-plugin into the directory named by the system property {@value #PROPERTY}
 * (see itests/pom.xml).
 *
 * <pre>{@code
 * Path api = PlatformJars.api();
 * String modulePath = PlatformJars.path(api, PlatformJars.backend("locking"));
 * }</pre>
 */
public final class PlatformJars {
    /** The system property surefire sets to the bundles directory. */
    public static final String PROPERTY = "mpmetrics.itests.bundles";
    /** The three backend names, highest priority first (also the jar names' suffixes). */
    public static final List<String> BACKENDS = List.of("varhandle", "unsafe", "locking");

    private PlatformJars() {
    }

    /** The directory holding the jars. */
    public static Path dir() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            fail("system property " + PROPERTY + " is not set: run the platform tests through Maven "
                    + "(mvn -B verify, or mvn -B -pl itests -am verify), which copies the jars and sets it");
        }
        return Paths.get(dir);
    }

    /** The api jar. */
    public static Path api() {
        return jar("api.jar");
    }

    /** The jar of the backend called {@code name} ({@code varhandle}, {@code unsafe} or {@code locking}). */
    public static Path backend(String name) {
        return jar("backend-" + name + ".jar");
    }

    /** The metrics jar (module and bundle {@code io.mpmetrics.metrics}). */
    public static Path metrics() {
        return jar("metrics.jar");
    }

    /** The exporter jar (module and bundle {@code io.mpmetrics.exporter}). */
    public static Path exporter() {
        return jar("exporter.jar");
    }

    /**
     * The client_java jars the exporter needs at run time, dependencies first: config, model and
     * the text formats (automatic modules {@code io.prometheus.metrics.config},
     * {@code io.prometheus.metrics.model} and {@code io.prometheus.writer.text}; bundles that
     * import {@code javax.annotation}, see {@link #jsr305()}).
     */
    public static List<Path> prometheus() {
        return List.of(jar("prometheus-metrics-config.jar"), jar("prometheus-metrics-model.jar"),
                jar("prometheus-metrics-exposition-textformats.jar"));
    }

    /** The jsr305 bundle: exports the {@code javax.annotation} 3.x the client_java bundles import. */
    public static Path jsr305() {
        return jar("jsr305.jar");
    }

    /** The Apache Felix framework jar. */
    public static Path felix() {
        return jar("org.apache.felix.framework.jar");
    }

    /** The SPI Fly framework extension jar (ServiceLoader Mediator with ASM inside). */
    public static Path spiFly() {
        return jar("org.apache.aries.spifly.dynamic.framework.extension.jar");
    }

    /** A scratch directory under the build directory, next to the jars. */
    public static Path workDir(String name) {
        return dir().toAbsolutePath().getParent().resolve(name);
    }

    /** {@code entries} joined with the platform's path separator, for -p and -cp. */
    public static String path(Path... entries) {
        return path(Arrays.asList(entries));
    }

    /** {@code entries} joined with the platform's path separator, for -p and -cp. */
    public static String path(List<Path> entries) {
        return entries.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The jar {@code name} in the bundles directory. */
    public static Path jar(String name) {
        Path jar = dir().resolve(name);
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing. The platform tests need the packaged jars of the mpmetrics modules, "
                    + "which exist only after the `package` phase: build with `mvn -B verify` (or `mvn -B -pl itests "
                    + "-am verify`), not `mvn test`, and without -Dmdep.skip");
        }
        return jar;
    }
}
