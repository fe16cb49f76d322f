package io.mpmetrics.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./mpmetrics} script's build-if-needed logic, in a copy of the script inside a small
 * fake checkout with a fake {@code mvn} that records its calls: the real Maven must not run
 * inside the Maven build that runs these tests. The copy runs the real CLI jar.
 */
class LauncherTest {
    private static final String BUILD_ARGS = "-B -q -Dstyle.color=never -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip package -pl cli -am";

    @TempDir
    Path tmp;
    Path repo;
    Path source;
    Path jar;
    Path mvnLog;
    Path bin;
    final Map<String, String> env = new LinkedHashMap<>();

    @BeforeEach
    void fakeCheckout() throws IOException {
        repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Path script = repo.resolve("mpmetrics");
        Files.copy(CliProcess.ROOT.resolve("mpmetrics"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        source = repo.resolve("api/src/main/java/io/mpmetrics/heap/Heap.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Heap {}\n");
        Path cliSource = repo.resolve("cli/src/main/java/io/mpmetrics/cli/Main.java");
        Files.createDirectories(cliSource.getParent());
        Files.writeString(cliSource, "class Main {}\n");
        Path target = repo.resolve("cli/target");
        Files.createDirectories(target);
        jar = target.resolve("mpmetrics-cli.jar");
        Files.copy(CliProcess.CLI_JAR, jar);
        Files.copy(CliProcess.CLI_JAR, tmp.resolve("built.jar"));
        Files.createSymbolicLink(target.resolve("lib"), CliProcess.CLI_LIB);
        // Sources an hour old, the jar half an hour old: up to date.
        Instant now = Instant.now();
        for (Path p : List.of(repo.resolve("pom.xml"), source, cliSource)) {
            Files.setLastModifiedTime(p, FileTime.from(now.minus(60, ChronoUnit.MINUTES)));
        }
        Files.setLastModifiedTime(jar, FileTime.from(now.minus(30, ChronoUnit.MINUTES)));

        bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        mvnLog = tmp.resolve("mvn.log");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n"
                + "echo \"$(pwd) $*\" >> \"$FAKE_MVN_LOG\"\n"
                + "if [ -n \"$FAKE_MVN_RESTORE\" ]; then cp \"$FAKE_MVN_RESTORE\" cli/target/mpmetrics-cli.jar; fi\n"
                + "exit ${FAKE_MVN_EXIT:-0}\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("FAKE_MVN_LOG", mvnLog.toString());
    }

    /** Removes the symlinks to real files first, so that the temp-dir cleanup has nothing to say. */
    @AfterEach
    void removeLinks() throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.filter(Files::isSymbolicLink).collect(java.util.stream.Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    private CliProcess.Result run(Path script, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().remove("MPMETRICS_SKIP_BUILD");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new CliProcess.Result(String.join(" ", cmd), p.exitValue(), out.lines().toList(), err.lines().toList());
    }

    private CliProcess.Result run(String... args) throws Exception {
        return run(repo.resolve("mpmetrics"), args);
    }

    private List<String> mvnCalls() throws IOException {
        return Files.exists(mvnLog) ? Files.readAllLines(mvnLog) : List.of();
    }

    private void touch(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(5)));
    }

    @Test
    void upToDateJarRunsWithoutMaven() throws Exception {
        CliProcess.Result r = run("--version");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("mpmetrics 0.1.0");
        assertThat(r.err()).isEmpty();
        assertThat(mvnCalls()).isEmpty();
    }

    @Test
    void aChangedSourceBuildsOnceFromTheRoot() throws Exception {
        touch(source);
        CliProcess.Result first = run("--version");
        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(first.err()).contains("mpmetrics: building the CLI");
        assertThat(first.out()).as("Maven's output must not mix into the command's stdout").startsWith("mpmetrics 0.1.0");
        assertThat(mvnCalls()).containsExactly(repo.toRealPath() + " " + BUILD_ARGS);

        // Maven left the (unchanged) jar alone; the stamp the script wrote says the build is done.
        CliProcess.Result second = run("--version");
        assertThat(second.exitCode()).as("%s", second).isZero();
        assertThat(mvnCalls()).hasSize(1);

        // A later change (after that stamp) builds again.
        Files.setLastModifiedTime(repo.resolve("pom.xml"), FileTime.from(Instant.now().plusSeconds(2)));
        assertThat(run("--version").exitCode()).isZero();
        assertThat(mvnCalls()).hasSize(2);
    }

    @Test
    void aMissingJarIsBuilt() throws Exception {
        Files.delete(jar);
        env.put("FAKE_MVN_RESTORE", tmp.resolve("built.jar").toString());
        CliProcess.Result r = run("--version");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("mpmetrics 0.1.0");
        assertThat(mvnCalls()).containsExactly(repo.toRealPath() + " " + BUILD_ARGS);
    }

    @Test
    void aFailedBuildStopsWithAMessage() throws Exception {
        touch(source);
        env.put("FAKE_MVN_EXIT", "1");
        CliProcess.Result r = run("--version");
        assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("mpmetrics: the build failed");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void skipBuildUsesTheJarsAsTheyAre() throws Exception {
        touch(source);
        env.put("MPMETRICS_SKIP_BUILD", "1");
        CliProcess.Result r = run("--version");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(mvnCalls()).isEmpty();
    }

    @Test
    void withoutMavenItSaysWhatIsNeeded() throws Exception {
        Files.delete(jar);
        // A PATH with the few tools the script uses, and no mvn.
        Path tools = tmp.resolve("tools");
        Files.createDirectories(tools);
        for (String tool : List.of("bash", "env", "dirname", "readlink", "find", "touch", "mkdir", "flock")) {
            for (String dir : System.getenv("PATH").split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
                if (Files.isExecutable(p) && !Files.exists(tools.resolve(tool))) {
                    Files.createSymbolicLink(tools.resolve(tool), p.toRealPath());
                }
            }
        }
        env.put("PATH", tools.toString());
        CliProcess.Result r = run("--version");
        assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("Maven (mvn) is needed");
    }

    @Test
    void aSymlinkToTheScriptFindsTheCheckout() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        Path link = elsewhere.resolve("mpm");
        Files.createSymbolicLink(link, repo.resolve("mpmetrics"));
        CliProcess.Result r = run(link, "--version");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(mvnCalls()).isEmpty();
    }

    @Test
    void javaOptsReachTheJvmSplitAtWhiteSpace() throws Exception {
        Path file = tmp.resolve("lock-free.mpm");
        ServeTest.write(file, "all");
        env.put("JAVA_OPTS", "-Xmx128m  -Dmpmetrics.backend=locking");
        CliProcess.Result r = run("inspect", "--file", file.toString());
        assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
        assertThat(r.stderr()).as("%s", r).hasSize(1);
        assertThat(r.err()).contains("was created with the LOCK_FREE layout family")
                .contains("this JVM's backend uses LOCKING");
    }

}
