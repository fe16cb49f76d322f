package io.mpmetrics.metrics;

import io.mpmetrics.heap.HeapFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default registry: a configured file is shared and kept; without one, a process-private
 * file that is deleted when the JVM exits (checked in real child JVMs) or the registry closes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DefaultRegistryTest {
    @TempDir
    Path dir;

    /** The child: registers a counter in the default registry, prints its file, and exits. */
    public static void main(String[] args) throws Exception {
        Counter runs = Counter.builder().name("runs").help("Runs").register();
        runs.inc();
        MetricsRegistry r = MetricsRegistry.defaultRegistry();
        System.out.println(r.path() + " " + r.isProcessPrivate() + " " + Files.exists(r.path()));
        if (args.length > 0 && args[0].equals("close")) {
            r.close();
            System.out.println("closed " + Files.exists(r.path()));
        }
    }

    private static List<String> runChild(String file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DefaultRegistryTest.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(MetricsRegistry.FILE_ENV);
        if (file != null) {
            pb.environment().put(MetricsRegistry.FILE_ENV, file);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void withoutAFileTheDefaultRegistryIsDeletedWhenTheJvmExits() throws Exception {
        List<String> out = runChild(null);
        String[] words = out.get(out.size() - 1).split(" ");
        Path file = Paths.get(words[0]);
        assertThat(file.getFileName().toString()).startsWith(MetricsRegistry.PRIVATE_FILE_PREFIX)
                .endsWith(".mpm");
        assertThat(words[1]).as("process-private").isEqualTo("true");
        assertThat(words[2]).as("the file existed while the child ran").isEqualTo("true");
        assertThat(file).as("deleted at exit").doesNotExist();
    }

    @Test
    void closingTheProcessPrivateRegistryDeletesItsFile() throws Exception {
        List<String> out = runChild(null, "close");
        assertThat(out).contains("closed false");
    }

    @Test
    void aConfiguredFileIsSharedAndKept() throws Exception {
        Path file = dir.resolve("shared.mpm");
        for (int run = 1; run <= 2; run++) {
            List<String> out = runChild(file.toString());
            assertThat(out.get(out.size() - 1)).isEqualTo(file + " false true");
        }
        try (MetricsRegistry r = MetricsRegistry.openExisting(file)) {
            assertThat(r.isProcessPrivate()).isFalse();
            assertThat(r.sampleValue("runs_total")).as("both runs counted in the kept file").hasValue(2);
        }
    }

    @Test
    void createRefusesAnExistingFileAndOpenExistingAMissingOne() throws IOException {
        Path file = dir.resolve("a.mpm");
        assertThatThrownBy(() -> MetricsRegistry.openExisting(file)).isInstanceOf(HeapFileException.class)
                .hasMessageContaining(file.toString());
        try (MetricsRegistry r = MetricsRegistry.create(file)) {
            Counter.builder().name("c").help("h").register(r).inc();
        }
        assertThatThrownBy(() -> MetricsRegistry.create(file)).isInstanceOf(HeapFileException.class)
                .hasMessageContaining(file.toString());
        try (MetricsRegistry r = MetricsRegistry.openOrCreate(file)) {
            assertThat(r.sampleValue("c_total")).hasValue(1);
        }
    }
}
