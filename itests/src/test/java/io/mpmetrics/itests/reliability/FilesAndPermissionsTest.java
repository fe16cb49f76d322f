package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapFileException;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Promise 4: heap files are private and are not tricked into other files. New files are 0600
 * in 0700 directories (the default directory and explicit paths); a symlink planted at the
 * target path, a default directory open to others and a file of another user are refused with
 * a clear message; 8 processes creating one new file at once share one consistent file.
 */
class FilesAndPermissionsTest {
    static final String ALLOW_FOREIGN_OWNER = "mpmetrics.allowForeignOwner";

    @TempDir
    Path dir;

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void newFilesAre0600InA0700Directory() throws IOException {
        // Explicit path in a directory that does not exist yet: both are created privately.
        Path explicit = dir.resolve("fresh").resolve("deeper").resolve("app.mpm");
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(explicit)) {
            Counter.builder().name("c").help("c").register(registry).inc();
        }
        assertThat(permissions(explicit)).isEqualTo("rw-------");
        assertThat(permissions(explicit.getParent())).isEqualTo("rwx------");
        assertThat(permissions(explicit.getParent().getParent())).isEqualTo("rwx------");
        Path created = dir.resolve("created.mpm");
        Heap.create(created, TestBackends.get("locking"), 4096).close();
        assertThat(permissions(created)).isEqualTo("rw-------");

        // The default directory (under /dev/shm, else the temp dir).
        Path file;
        try (Heap heap = Heap.create()) {
            file = heap.path();
            assertThat(file.getParent()).isEqualTo(Heap.defaultDirectory());
            assertThat(permissions(file)).isEqualTo("rw-------");
            assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        } finally {
            // Heap.create() names the file itself; do not leave it behind.
        }
        Files.delete(file);
    }

    @Test
    void symlinkPlantedAtTheTargetIsRefused() throws IOException {
        Path precious = Files.writeString(dir.resolve("precious.txt"), "do not overwrite");
        Path link = Files.createSymbolicLink(dir.resolve("app.mpm"), precious);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.mpm"), dir.resolve("would-be-created.mpm"));
        for (Path target : List.of(link, dangling)) {
            assertRefused(() -> Heap.openOrCreate(target), target, "symbolic link");
            assertRefused(() -> Heap.create(target), target, "symbolic link");
            assertRefused(() -> Heap.openExisting(target), target, "symbolic link");
            assertRefused(() -> MetricsRegistry.openOrCreate(target), target, "symbolic link");
            assertRefused(() -> MetricsRegistry.openExisting(target), target, "symbolic link");
        }
        assertThat(Files.readString(precious)).isEqualTo("do not overwrite");
        assertThat(dir.resolve("would-be-created.mpm")).doesNotExist();
    }

    interface Opening {
        AutoCloseable open() throws Exception;
    }

    private static void assertRefused(Opening opening, Path path, String why) {
        assertThatThrownBy(() -> opening.open().close()).isInstanceOf(HeapFileException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining(why);
    }

    @Test
    void defaultDirectoryOpenToOthersOrASymlinkIsRefused() throws Exception {
        // A private user name: this test's own default directory, without touching the real one.
        String user = "mpmetrics-it-" + ProcessHandle.current().pid();
        String realUser = System.getProperty("user.name");
        // The fake user owns nothing: allow foreign owners so that only the permissions are judged.
        System.setProperty("user.name", user);
        System.setProperty(ALLOW_FOREIGN_OWNER, "true");
        Path own = null;
        try {
            own = Heap.defaultDirectory();
            assertThat(own.getFileName().toString()).isEqualTo("mpmetrics-" + user);
            assertThat(permissions(own)).isEqualTo("rwx------");
            for (String open : List.of("rwxr-x---", "rwx---rwx", "rwxrwxrwx", "rwx-w----")) {
                Files.setPosixFilePermissions(own, PosixFilePermissions.fromString(open));
                Path d = own;
                assertThatThrownBy(Heap::create).isInstanceOf(HeapFileException.class)
                        .hasMessageContaining(d.toString()).hasMessageContaining("accessible by group or others")
                        .hasMessageContaining("chmod 700");
            }
            Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
            Heap.create().close();
            // Swap the directory for a symlink to a private directory elsewhere: refused as well.
            Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            deleteTree(own);
            Files.createSymbolicLink(own, elsewhere);
            Path d = own;
            assertThatThrownBy(Heap::create).isInstanceOf(HeapFileException.class)
                    .hasMessageContaining(d.toString()).hasMessageContaining("symbolic link");
            try (var files = Files.list(elsewhere)) {
                assertThat(files.toList()).as("nothing created through the link").isEmpty();
            }
        } finally {
            System.setProperty("user.name", realUser);
            System.clearProperty(ALLOW_FOREIGN_OWNER);
            if (own != null) {
                deleteTree(own);
            }
        }
    }

    @Test
    void fileOfAnotherUserIsRefusedUnlessAllowed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to chown a file to another user (running as " + System.getProperty("user.name") + ")");
        Path file = dir.resolve("theirs.mpm");
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(file)) {
            Counter.builder().name("c").help("c").register(registry).inc(7);
        }
        UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        assertRefused(() -> Heap.openExisting(file), file, "owned by nobody");
        assertRefused(() -> MetricsRegistry.openOrCreate(file), file, "owned by nobody");
        assertRefused(() -> MetricsRegistry.openExisting(file), file, "owned by nobody");
        System.setProperty(ALLOW_FOREIGN_OWNER, "true");
        try (MetricsRegistry registry = MetricsRegistry.openExisting(file)) {
            DataPoint.CounterPoint c = (DataPoint.CounterPoint) registry.collect().get(0).dataPoints().get(0);
            assertThat(c.value()).isEqualTo(7.0);
        } finally {
            System.clearProperty(ALLOW_FOREIGN_OWNER);
        }
    }

    @Test
    void defaultDirectoryOfAnotherUserIsRefused() throws Exception {
        // As user U, the default directory is .../mpmetrics-U. Pretend to be U while the directory
        // (made by this process) belongs to the real user: it is somebody else's and refused.
        String user = "mpmetrics-it-other-" + ProcessHandle.current().pid();
        String realUser = System.getProperty("user.name");
        Path theirs = null;
        System.setProperty("user.name", user);
        try {
            assertThatThrownBy(Heap::defaultDirectory).isInstanceOf(HeapFileException.class)
                    .hasMessageContaining("mpmetrics-" + user).hasMessageContaining("owned by " + realUser)
                    .hasMessageContaining(ALLOW_FOREIGN_OWNER);
            assertThatThrownBy(Heap::create).isInstanceOf(HeapFileException.class);
            System.setProperty(ALLOW_FOREIGN_OWNER, "true");
            theirs = Heap.defaultDirectory();
        } finally {
            System.setProperty("user.name", realUser);
            System.clearProperty(ALLOW_FOREIGN_OWNER);
            if (theirs != null) {
                deleteTree(theirs);
            }
        }
    }

    @Test
    void eightProcessesCreatingOneFileShareIt() throws Exception {
        int processes = 8;
        long adds = 5_000;
        Map<String, Long> figures = new LinkedHashMap<>();
        int rounds = Campaign.concurrentOpenRounds();
        for (int round = 0; round < rounds; round++) {
            // A path whose directory does not exist either: the racers create both.
            Path file = dir.resolve("race-" + round).resolve("shared.mpm");
            List<ChildJvm> racers = new ArrayList<>();
            try {
                for (int i = 0; i < processes; i++) {
                    racers.add(ChildJvm.builder(ConcurrentOpenMain.class).jvmOptions("-Xmx64m")
                            .args(file.toString(), i % 2 == 0 ? "heap" : "registry", Long.toString(adds)).start());
                }
                for (ChildJvm racer : racers) {
                    racer.awaitLine("READY", 60, TimeUnit.SECONDS);
                }
                for (ChildJvm racer : racers) {
                    racer.send("GO");
                }
                Set<String> tokens = new HashSet<>();
                for (ChildJvm racer : racers) {
                    tokens.add(racer.awaitLine("TOKEN", 60, TimeUnit.SECONDS));
                    racer.awaitLine("ADDED", 60, TimeUnit.SECONDS);
                }
                // A file initialized twice would have handed out the same process slot twice.
                assertThat(tokens).as("round %d: distinct process tokens", round).hasSize(processes);
                for (ChildJvm racer : racers) {
                    racer.send("EXIT");
                    racer.awaitSuccess(60, TimeUnit.SECONDS);
                }
            } finally {
                for (ChildJvm racer : racers) {
                    racer.close();
                }
            }
            assertThat(permissions(file)).isEqualTo("rw-------");
            assertThat(permissions(file.getParent())).isEqualTo("rwx------");
            try (MetricsRegistry registry = MetricsRegistry.openExisting(file)) {
                List<MetricSnapshot> all = registry.collect();
                assertThat(all).hasSize(1);
                assertThat(all.get(0).dataPoints()).hasSize(1);
                double total = ((DataPoint.CounterPoint) all.get(0).dataPoints().get(0)).value();
                assertThat(total).as("round %d: every add of every racer", round).isEqualTo((double) processes * adds);
            }
            figures.merge("rounds", 1L, Long::sum);
            figures.merge("processes", (long) processes, Long::sum);
        }
        figures.put("lostUpdates", 0L);
        Campaign.report("concurrent-create", figures);
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isSymbolicLink(p) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        try (var files = Files.list(p)) {
            for (Path f : files.toList()) {
                deleteTree(f);
            }
        }
        Files.delete(p);
    }
}
