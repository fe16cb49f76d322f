package io.mpmetrics.itests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.BackendCandidate;
import io.mpmetrics.spi.BackendUnavailableException;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.LayoutFamily;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Which backend is chosen: by priority in this JVM, by name when forced, and, in a JDK 25 child
 * JVM that denies {@code sun.misc.Unsafe} memory access, the unsafe backend reported unusable
 * (never a crash) and skipped.
 */
@SuppressWarnings("try") // ChildJvm.close() declares InterruptedException
class BackendSelectionTest {
    @Test
    void allThreeBackendsAreFoundByPriorityAndUsableHere() {
        List<BackendCandidate> found = Backends.discover();
        assertEquals(BackendSource.NAMES, found.stream().map(BackendCandidate::name).collect(Collectors.toList()));
        assertEquals(List.of(300, 200, 100),
                found.stream().map(c -> c.backend().priority()).collect(Collectors.toList()));
        for (BackendCandidate c : found) {
            assertTrue(c.usable(), c::toString);
        }
        assertEquals(LayoutFamily.LOCK_FREE, Backends.named("varhandle").layoutFamily());
        assertEquals(LayoutFamily.LOCK_FREE, Backends.named("unsafe").layoutFamily());
        assertEquals(LayoutFamily.LOCKING, Backends.named("locking").layoutFamily());
    }

    @Test
    void varhandleIsSelectedByDefault() {
        assumeTrue(Backends.forcedName() == null, "a backend is forced for this test run");
        assertEquals("varhandle", Backends.select().name());
    }

    @Test
    void aForcedBackendIsSelectedWhateverItsPriority() {
        assertEquals("locking", Backends.select("locking").name());
        assertEquals("unsafe", Backends.select(" Unsafe ").name());
    }

    @Test
    void anUnknownForcedBackendListsEveryBackend() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.select("nonexistent"));
        String message = e.getMessage();
        assertTrue(message.contains("nonexistent"), message);
        for (String name : BackendSource.NAMES) {
            assertTrue(message.contains(name), () -> name + " missing from: " + message);
        }
    }

    @Test
    void jdk25WithUnsafeMemoryAccessDeniedFallsBackToVarhandle() throws Exception {
        ChildJvm.Builder child = jdk25Child("--sun-misc-unsafe-memory-access=deny");
        try (ChildJvm jvm = child.start()) {
            jvm.awaitSuccess(60, TimeUnit.SECONDS);
            List<String> out = jvm.stdout();
            assertTrue(out.contains("CANDIDATE varhandle true ok"), out::toString);
            assertTrue(out.contains("CANDIDATE locking true ok"), out::toString);
            String unsafe = line(out, "CANDIDATE unsafe ");
            assertTrue(unsafe.startsWith("CANDIDATE unsafe false "), unsafe);
            assertTrue(unsafe.contains("UnsupportedOperationException"), unsafe);
            assertTrue(out.contains("SELECTED varhandle 42"), out::toString);
            String direct = line(out, "DIRECT ");
            assertTrue(direct.startsWith("DIRECT BackendUnavailableException"), direct);
            assertTrue(out.contains("DONE"), out::toString);
        }
    }

    @Test
    void jdk25ForcingDeniedUnsafeIsAnExceptionWithTheReason() throws Exception {
        ChildJvm.Builder child = jdk25Child("--sun-misc-unsafe-memory-access=deny", "-Dmpmetrics.backend=unsafe");
        try (ChildJvm jvm = child.start()) {
            jvm.awaitSuccess(60, TimeUnit.SECONDS);
            List<String> out = jvm.stdout();
            String unavailable = line(out, "UNAVAILABLE ");
            assertTrue(unavailable.contains("'unsafe'"), unavailable);
            assertTrue(unavailable.contains("Unsafe memory access is not available"), unavailable);
            assertTrue(unavailable.contains("UnsupportedOperationException"), unavailable);
            assertTrue(out.contains("DONE"), out::toString);
        }
    }

    /** Without the flag JDK 25 only warns: the unsafe backend works (and the JVM says so on stderr). */
    @Test
    void jdk25WithDefaultMemoryAccessModeCanUseUnsafe() throws Exception {
        ChildJvm.Builder child = jdk25Child("-Dmpmetrics.backend=unsafe");
        try (ChildJvm jvm = child.start()) {
            jvm.awaitSuccess(60, TimeUnit.SECONDS);
            List<String> out = jvm.stdout();
            assertTrue(out.contains("CANDIDATE unsafe true ok"), out::toString);
            assertTrue(out.contains("SELECTED unsafe 42"), out::toString);
            assertTrue(out.contains("DIRECT ok 7"), out::toString);
            assertTrue(jvm.stderr().contains("sun.misc.Unsafe"), jvm.stderr());
        }
    }

    private static ChildJvm.Builder jdk25Child(String... jvmOptions) {
        assumeTrue(ChildJvm.isJdk(ChildJvm.JDK25), "JDK 25 not installed at " + ChildJvm.JDK25);
        return ChildJvm.builder(BackendReportMain.class).javaHome(ChildJvm.JDK25).jvmOptions(jvmOptions);
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in " + out));
    }
}
