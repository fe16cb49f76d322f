package io.mpmetrics.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input ends in one line on stderr, {@code mpmetrics: <file or address>: <problem>}, no stack
 * trace, nothing on stdout and exit code 1; command-line mistakes in exit code 2; {@code --help}
 * works on every command.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path good;

    @BeforeAll
    static void files() throws Exception {
        good = dir.resolve("good.mpm");
        ServeTest.write(good, "all");
        byte[] bytes = Files.readAllBytes(good);
        assertThat(bytes.length).isGreaterThan(20_000);
        byte[] random = new byte[100_000];
        new Random(42).nextBytes(random);
        Files.write(dir.resolve("foreign.mpm"), random);
        Files.write(dir.resolve("truncated-header.mpm"), Arrays.copyOf(bytes, 100));
        Files.write(dir.resolve("truncated.mpm"), Arrays.copyOf(bytes, 20_000));
        Files.write(dir.resolve("empty.mpm"), new byte[0]);
        Files.createDirectory(dir.resolve("a-directory.mpm"));
        ServeTest.write(dir.resolve("locking.mpm"), "all", "-Dmpmetrics.backend=locking");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("inspect", "missing.mpm", "no such heap file"),
                Arguments.of("dump", "missing.mpm", "no such heap file"),
                Arguments.of("dump", "foreign.mpm", "is not an mpmetrics heap file"),
                Arguments.of("inspect", "foreign.mpm", "is not an mpmetrics heap file"),
                Arguments.of("serve", "truncated-header.mpm", "is truncated"),
                Arguments.of("inspect", "truncated.mpm", "is truncated"),
                Arguments.of("dump", "empty.mpm", "is empty"),
                Arguments.of("inspect", "a-directory.mpm", "is a directory"),
                Arguments.of("dump", "locking.mpm", "was created with the LOCKING layout family"),
                Arguments.of("serve", "locking.mpm", "was created with the LOCKING layout family"));
    }

    /**
     * A wrong-family file is one read with a backend of the other family forced: without
     * {@code -Dmpmetrics.backend} the CLI picks a backend of the file's own family.
     */
    private static CliProcess.Builder withForcedBackendFor(String name, CliProcess.Builder launcher) {
        return name.equals("locking.mpm") ? launcher.env("JAVA_OPTS", "-Dmpmetrics.backend=varhandle") : launcher;
    }

    @Test
    void aLockingFileIsReadWithoutConfiguration() throws Exception {
        CliProcess.Result r = CliProcess.launcher("dump", "--file", dir.resolve("locking.mpm").toString()).run(60);
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.out()).contains("e2e_jobs_total{queue=\"a\"} 3.0");
        CliProcess.Result inspect = CliProcess.launcher("inspect", "--file", dir.resolve("locking.mpm").toString())
                .run(60);
        assertThat(inspect.exitCode()).as("%s", inspect).isZero();
        assertThat(inspect.out()).contains("LOCKING");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("badFiles")
    void badFileIsOneLineOnStderr(String command, String name, String problem) throws Exception {
        Path file = dir.resolve(name);
        String[] args = command.equals("serve")
                ? new String[] {command, "--file", file.toString(), "--port", "0"}
                : new String[] {command, "--file", file.toString()};
        CliProcess.Result r = withForcedBackendFor(name, CliProcess.launcher(args)).run(60);
        assertOneLineError(r, file.toString(), problem);
    }

    @Test
    void portInUseIsOneLineForServeAndDemo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            String address = "127.0.0.1:" + port;
            CliProcess.Result serve = CliProcess.launcher("serve", "--file", good.toString(), "--port",
                    Integer.toString(port)).run(60);
            assertOneLineError(serve, address, "address already in use");

            Path demoFile = dir.resolve("demo-port.mpm");
            CliProcess.Result demo = CliProcess.launcher("demo", "--seconds", "1", "--port", Integer.toString(port),
                    "--file", demoFile.toString()).run(60);
            assertOneLineError(demo, address, "address already in use");
        }
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"", "demo", "serve", "dump", "inspect"})
    void helpOnEveryCommand(String command) throws Exception {
        CliProcess.Result r = (command.isEmpty() ? CliProcess.launcher("--help")
                : CliProcess.launcher(command, "--help")).run(60);
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout().get(0)).startsWith(("Usage: mpmetrics " + command).trim());
        assertThat(r.err()).isEmpty();
        if (!command.isEmpty()) {
            assertThat(r.out()).contains(command.equals("demo") ? "--workers=N" : "--file=FILE");
        }
    }

    @Test
    void commandLineMistakesAreUsageErrors() throws Exception {
        CliProcess.Result unknown = CliProcess.launcher("dump", "--file", good.toString(), "--bogus").run(60);
        assertThat(unknown.exitCode()).as("%s", unknown).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).startsWith("mpmetrics: Unknown option: '--bogus'").contains("mpmetrics dump --help");

        CliProcess.Result noFile = CliProcess.launcher("inspect").run(60);
        assertThat(noFile.exitCode()).as("%s", noFile).isEqualTo(Main.USAGE);
        assertThat(noFile.err()).contains("--file");

        CliProcess.Result badFormat = CliProcess.launcher("dump", "--file", good.toString(), "--format", "xml").run(60);
        assertThat(badFormat.exitCode()).as("%s", badFormat).isEqualTo(Main.USAGE);
        assertThat(badFormat.err()).contains("unknown format 'xml' (use prometheus or openmetrics)");

        CliProcess.Result noCommand = CliProcess.launcher().run(60);
        assertThat(noCommand.exitCode()).as("%s", noCommand).isEqualTo(Main.USAGE);
        assertThat(noCommand.err()).contains("missing command");
    }

    static void assertOneLineError(CliProcess.Result r, String what, String problem) {
        assertThat(r.exitCode()).as("%s", r).isEqualTo(Main.FAILED);
        assertThat(r.stderr()).as("%s", r).hasSize(1);
        assertThat(r.stderr().get(0)).as("%s", r)
                .matches("mpmetrics: " + Pattern.quote(what) + ": .*" + Pattern.quote(problem) + ".*");
        assertThat(r.out()).as("%s", r).isEmpty();
    }
}
