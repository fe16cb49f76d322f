package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.mpmetrics.itests.platform.probe.PlatformProbe;
import io.mpmetrics.itests.support.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * {@link PlatformProbe} as a real module: its source file is compiled at test time with the
 * system Java compiler together with a generated {@code module-info.java} that only
 * {@code requires io.mpmetrics.api}, against the api jar. The output directory works both as
 * a module-path entry (module {@value #MODULE}) and as a class-path entry (where the
 * module-info is ignored).
 *
 * <pre>{@code
 * ProbeProgram.Result r = ProbeProgram.run(ProbeProgram.onModulePath(PlatformJars.api(), PlatformJars.backend("locking")));
 * assertEquals("locking", r.selected());
 * }</pre>
 */
final class ProbeProgram {
    /** The probe's module name. */
    static final String MODULE = "io.mpmetrics.itests.probe";
    /** The probe's main class. */
    static final String MAIN = PlatformProbe.class.getName();
    /** JDK 25's switch that turns sun.misc.Unsafe memory access off. */
    static final String DENY_UNSAFE = "--sun-misc-unsafe-memory-access=deny";

    private static Path compiled;

    private ProbeProgram() {
    }

    /** The compiled probe module (compiled on first use, once per test JVM). */
    static synchronized Path compiled() throws IOException {
        if (compiled == null) {
            compiled = compile();
        }
        return compiled;
    }

    private static Path compile() throws IOException {
        Path source = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "java")
                .resolve(MAIN.replace('.', '/') + ".java");
        if (!Files.isRegularFile(source)) {
            fail("probe source not found at " + source + " (the platform tests run from the itests directory)");
        }
        Path work = PlatformJars.workDir("platform-probe");
        deleteRecursively(work);
        Path src = work.resolve("src");
        Path out = work.resolve("classes");
        Path copy = src.resolve(MAIN.replace('.', '/') + ".java");
        Files.createDirectories(copy.getParent());
        Files.createDirectories(out);
        Files.copy(source, copy);
        Path moduleInfo = src.resolve("module-info.java");
        Files.writeString(moduleInfo, "module " + MODULE + " {\n    requires io.mpmetrics.api;\n}\n");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: the platform tests need a JDK, not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        // An explicit (empty) class path: in-process javac would otherwise take the test JVM's.
        int code = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all", "-Werror",
                "--module-path", PlatformJars.api().toString(), "--class-path", out.toString(), "-d", out.toString(),
                moduleInfo.toString(), copy.toString());
        assertEquals(0, code, () -> "compiling the probe module failed:\n"
                + diagnostics.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** A child JVM running the probe as module {@value #MODULE} with {@code jars} on the module path. */
    static ChildJvm.Builder onModulePath(Path... jars) throws IOException {
        return ChildJvm.builder(MODULE + "/" + MAIN).modulePath(PlatformJars.path(with(jars)));
    }

    /** A child JVM running the probe on a plain class path of {@code jars}. */
    static ChildJvm.Builder onClassPath(Path... jars) throws IOException {
        return ChildJvm.builder(MAIN).classPath(PlatformJars.path(with(jars)));
    }

    private static Path[] with(Path... jars) throws IOException {
        Path[] all = Arrays.copyOf(jars, jars.length + 1);
        all[jars.length] = compiled();
        return all;
    }

    /** Starts the child, waits for it to exit and parses what it printed. */
    static Result run(ChildJvm.Builder builder) throws IOException, InterruptedException {
        ChildJvm child = builder.start();
        try {
            int exit = child.awaitExitCode(60, TimeUnit.SECONDS);
            return new Result(exit, child.stdout(), child.stderr());
        } finally {
            child.close();
        }
    }

    /** One probe candidate line. */
    record Candidate(String name, boolean supported, String module, String reason) {
    }

    /** What the probe printed, and its exit code. */
    record Result(int exit, List<String> stdout, String stderr) {
        /** The {@code WORLD} line's value: the probe's and the api's module names. */
        String world() {
            return value("WORLD ");
        }

        /** The candidates, in the order {@code Backends.discover()} returned them. */
        Map<String, Candidate> candidates() {
            int count = Integer.parseInt(value("CANDIDATES "));
            Map<String, Candidate> found = new LinkedHashMap<>();
            for (String line : stdout) {
                if (line.startsWith("CANDIDATE ")) {
                    String[] f = line.substring("CANDIDATE ".length()).split(" ", 4);
                    found.put(f[0], new Candidate(f[0], Boolean.parseBoolean(after(f[1], "supported=")),
                            after(f[2], "module="), after(f[3], "reason=")));
                }
            }
            assertEquals(count, found.size(), () -> "candidate lines do not match their count: " + this);
            return found;
        }

        /** The candidates' names in discovery order. */
        List<String> names() {
            return new ArrayList<>(candidates().keySet());
        }

        /** The selected backend's name. */
        String selected() {
            return value("SELECTED ").split(" ")[0];
        }

        /** The module the selected backend came from. */
        String selectedModule() {
            return after(value("SELECTED ").split(" ")[1], "module=");
        }

        /** What the selected backend's AtomicInt64 held after adding 5 and 37. */
        long atomic() {
            return Long.parseLong(value("ATOMIC "));
        }

        /** Fails unless the probe exited with 0. */
        Result assertSucceeded() {
            assertEquals(0, exit, () -> "the probe failed: " + this);
            return this;
        }

        private String value(String prefix) {
            try (Stream<String> lines = stdout.stream()) {
                return lines.filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                        .orElseThrow(() -> new AssertionError("the probe printed no '" + prefix.trim() + "' line: "
                                + this));
            }
        }

        private String after(String field, String prefix) {
            if (!field.startsWith(prefix)) {
                throw new AssertionError("malformed probe field '" + field + "', expected " + prefix + "...: " + this);
            }
            return field.substring(prefix.length());
        }

        @Override
        public String toString() {
            return "exit " + exit + ", stdout " + stdout + ", stderr:\n" + stderr;
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toArray(Path[]::new)) {
                Files.delete(p);
            }
        }
    }
}
