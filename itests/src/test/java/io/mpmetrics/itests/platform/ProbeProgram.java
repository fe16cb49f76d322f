package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpmetrics.itests.platform.probe.PlatformProbe;
import io.mpmetrics.itests.support.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link PlatformProbe} as a real module ({@link ProbeModule#DISCOVERY}: compiled at test time
 * with a generated {@code module-info.java} that only {@code requires io.mpmetrics.api}, against
 * the api jar), and what a probe child printed. The output directory works both as a
 * module-path entry (module {@value #MODULE}) and as a class-path entry (where the module-info
 * is ignored).
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

    private ProbeProgram() {
    }

    /** The compiled probe module (compiled on first use, once per test JVM). */
    static Path compiled() throws IOException {
        return ProbeModule.DISCOVERY.compiled();
    }

    /** A child JVM running the probe as module {@value #MODULE} with {@code jars} on the module path. */
    static ChildJvm.Builder onModulePath(Path... jars) throws IOException {
        return ProbeModule.DISCOVERY.onModulePath(List.of(jars));
    }

    /** A child JVM running the probe on a plain class path of {@code jars}. */
    static ChildJvm.Builder onClassPath(Path... jars) throws IOException {
        return ProbeModule.DISCOVERY.onClassPath(List.of(jars));
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

        /** The rest of the first line starting with {@code prefix}; fails if there is none. */
        String value(String prefix) {
            try (Stream<String> lines = stdout.stream()) {
                return lines.filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                        .orElseThrow(() -> new AssertionError("the probe printed no '" + prefix.trim() + "' line: "
                                + this));
            }
        }

        /** The rest of every line starting with {@code prefix}, in order. */
        List<String> values(String prefix) {
            return stdout.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .collect(Collectors.toList());
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
