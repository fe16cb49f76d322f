package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.mpmetrics.itests.platform.probe.ExporterProbe;
import io.mpmetrics.itests.platform.probe.MetricsProbe;
import io.mpmetrics.itests.platform.probe.PlatformProbe;
import io.mpmetrics.itests.support.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A probe program of the {@code probe} package as a real module of its own: its source files
 * are compiled at test time with the system Java compiler, together with a generated
 * {@code module-info.java} that {@code requires} one mpmetrics module, against the real jars
 * only (never the test's class path). The output directory works both as a module-path entry
 * and as a class-path entry (where the module-info is ignored).
 *
 * <p>The probes of different modules share a package, so never put two of them on one module
 * path.
 *
 * <pre>{@code
 * ChildJvm.Builder child = ProbeModule.METRICS.onModulePath(List.of(PlatformJars.api(), PlatformJars.metrics(), ...));
 * }</pre>
 */
final class ProbeModule {
    /** {@link PlatformProbe}: backend discovery; {@code requires io.mpmetrics.api}. */
    static final ProbeModule DISCOVERY = new ProbeModule("io.mpmetrics.itests.probe", "io.mpmetrics.api",
            () -> List.of(PlatformJars.api()), PlatformProbe.class);
    /** {@link MetricsProbe}: a counter through the metrics module alone; {@code requires io.mpmetrics.metrics}. */
    static final ProbeModule METRICS = new ProbeModule("io.mpmetrics.itests.probe.metrics", "io.mpmetrics.metrics",
            () -> List.of(PlatformJars.api(), PlatformJars.metrics()), MetricsProbe.class);
    /**
     * {@link ExporterProbe} (with {@link MetricsProbe}): the counter exposed by the exporter;
     * {@code requires io.mpmetrics.exporter}, which reads the client_java automatic modules.
     */
    static final ProbeModule EXPORTER = new ProbeModule("io.mpmetrics.itests.probe.exporter", "io.mpmetrics.exporter",
            ProbeModule::exporterCompilePath, ExporterProbe.class, MetricsProbe.class);

    private final String name;
    private final String requires;
    private final Supplier<List<Path>> compilePath;
    private final List<Class<?>> sources;
    private Path compiled;

    private ProbeModule(String name, String requires, Supplier<List<Path>> compilePath, Class<?> main,
            Class<?>... more) {
        this.name = name;
        this.requires = requires;
        this.compilePath = compilePath;
        this.sources = Stream.concat(Stream.of(main), Stream.of(more)).collect(Collectors.toList());
    }

    private static List<Path> exporterCompilePath() {
        List<Path> jars = new ArrayList<>(List.of(PlatformJars.api(), PlatformJars.metrics(), PlatformJars.exporter()));
        jars.addAll(PlatformJars.prometheus());
        return jars;
    }

    /** The module's name. */
    String name() {
        return name;
    }

    /** The main class's name. */
    String mainClass() {
        return sources.get(0).getName();
    }

    /** The compiled module (compiled on first use, once per test JVM). */
    synchronized Path compiled() throws IOException {
        if (compiled == null) {
            compiled = compile();
        }
        return compiled;
    }

    private Path compile() throws IOException {
        Path testSources = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test",
                "java");
        Path work = PlatformJars.workDir(name);
        ProbeProgram.deleteRecursively(work);
        Path src = work.resolve("src");
        Path out = work.resolve("classes");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror",
                "--module-path", PlatformJars.path(compilePath.get()),
                // An explicit (empty) class path: in-process javac would otherwise take the test JVM's.
                "--class-path", out.toString(), "-d", out.toString()));
        for (Class<?> type : sources) {
            String file = type.getName().replace('.', '/') + ".java";
            Path source = testSources.resolve(file);
            if (!Files.isRegularFile(source)) {
                fail("probe source not found at " + source + " (the platform tests run from the itests directory)");
            }
            Path copy = src.resolve(file);
            Files.createDirectories(copy.getParent());
            Files.copy(source, copy);
            args.add(copy.toString());
        }
        Path moduleInfo = src.resolve("module-info.java");
        Files.writeString(moduleInfo, "module " + name + " {\n    requires " + requires + ";\n}\n");
        args.add(moduleInfo.toString());

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: the platform tests need a JDK, not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, code, () -> "compiling the probe module " + name + " failed:\n"
                + diagnostics.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** A child JVM running the probe as this module with {@code jars} (and the probe) on the module path. */
    ChildJvm.Builder onModulePath(List<Path> jars) throws IOException {
        return ChildJvm.builder(name + "/" + mainClass()).modulePath(PlatformJars.path(with(jars)));
    }

    /** A child JVM running the probe on a plain class path of {@code jars} (and the probe). */
    ChildJvm.Builder onClassPath(List<Path> jars) throws IOException {
        return ChildJvm.builder(mainClass()).classPath(PlatformJars.path(with(jars)));
    }

    private List<Path> with(List<Path> jars) throws IOException {
        List<Path> all = new ArrayList<>(jars);
        all.add(compiled());
        return all;
    }

    @Override
    public String toString() {
        return name;
    }
}
