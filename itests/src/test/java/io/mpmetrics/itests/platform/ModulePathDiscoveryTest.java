package io.mpmetrics.itests.platform;

import static io.mpmetrics.itests.platform.PlatformJars.api;
import static io.mpmetrics.itests.platform.PlatformJars.backend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpmetrics.itests.platform.ProbeProgram.Candidate;
import io.mpmetrics.itests.platform.ProbeProgram.Result;
import io.mpmetrics.itests.support.ChildJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Backend discovery on the JPMS module path: the probe module ({@code requires io.mpmetrics.api}
 * only) runs as {@code java -p <jars> -m io.mpmetrics.itests.probe/...} in a child JVM; the
 * backends are found through the api's {@code uses} and their {@code provides}, never named.
 */
class ModulePathDiscoveryTest {
    private static final String PROBE_AND_API = "probe=" + ProbeProgram.MODULE + " api=io.mpmetrics.api";

    @Test
    void allThreeBackendsAreFoundAndVarhandleIsSelected() throws Exception {
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onModulePath(
                api(), backend("varhandle"), backend("unsafe"), backend("locking"))).assertSucceeded();

        assertEquals(PROBE_AND_API, r.world(), "the probe and the api must run as named modules");
        assertEquals(List.of("varhandle", "unsafe", "locking"), r.names(), "discovery order is by priority: " + r);
        for (Candidate c : r.candidates().values()) {
            assertEquals("io.mpmetrics.backend." + c.name(), c.module(), "each backend comes from its own module");
            assertTrue(c.supported(), () -> c.name() + " must pass its probe on this JDK: " + r);
        }
        assertEquals("varhandle", r.selected());
        assertEquals("io.mpmetrics.backend.varhandle", r.selectedModule());
        assertEquals(42, r.atomic());
    }

    @Test
    void theSystemPropertyForcesABackend() throws Exception {
        Result r = ProbeProgram.run(ProbeProgram.onModulePath(
                        api(), backend("varhandle"), backend("unsafe"), backend("locking"))
                .jvmOptions("-Dmpmetrics.backend=locking")).assertSucceeded();

        assertEquals(3, r.candidates().size(), r::toString);
        assertEquals("locking", r.selected());
        assertEquals("io.mpmetrics.backend.locking", r.selectedModule());
        assertEquals(42, r.atomic());
    }

    @Test
    void withOnlyTheLockingModuleLockingIsSelected() throws Exception {
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onModulePath(api(), backend("locking"))).assertSucceeded();

        assertEquals(List.of("locking"), r.names());
        assertEquals("locking", r.selected());
        assertEquals(42, r.atomic());
    }

    @Test
    void withoutAnyBackendModuleSelectionFailsClearly() throws Exception {
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onModulePath(api()));

        assertNotEquals(0, r.exit(), () -> "select() must fail without backends: " + r);
        assertEquals(PROBE_AND_API, r.world());
        assertTrue(r.names().isEmpty(), r::toString);
        assertTrue(r.stderr().contains("io.mpmetrics.spi.BackendUnavailableException: no mpmetrics backend found"),
                r::toString);
        assertTrue(r.stderr().contains("backend-varhandle, backend-unsafe or backend-locking"),
                () -> "the message must say what to add: " + r);
        assertFalse(r.stdout().stream().anyMatch(l -> l.startsWith("SELECTED")), r::toString);
    }

    @Test
    void anUnknownForcedBackendFailsNamingTheOnesFound() throws Exception {
        Result r = ProbeProgram.run(ProbeProgram.onModulePath(api(), backend("locking"))
                .jvmOptions("-Dmpmetrics.backend=nosuch"));

        assertNotEquals(0, r.exit(), r::toString);
        assertTrue(r.stderr().contains("BackendUnavailableException: unknown backend 'nosuch'"), r::toString);
        assertTrue(r.stderr().contains("backends found: locking (priority"), r::toString);
    }

    /**
     * JDK 25 with sun.misc.Unsafe memory access denied: the unsafe backend must say so in its
     * probe (not crash), selection still finds a backend, and forcing unsafe fails clearly.
     */
    @Test
    void onJdk25WithUnsafeDeniedUnsafeIsUnsupportedAndAnotherBackendIsSelected() throws Exception {
        assumeTrue(ChildJvm.isJdk(ChildJvm.JDK25), "JDK 25 not installed at " + ChildJvm.JDK25);
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onModulePath(
                        api(), backend("varhandle"), backend("unsafe"), backend("locking"))
                .javaHome(ChildJvm.JDK25).jvmOptions(ProbeProgram.DENY_UNSAFE)).assertSucceeded();

        Map<String, Candidate> found = r.candidates();
        assertEquals(3, found.size(), r::toString);
        assertFalse(found.get("unsafe").supported(), () -> "unsafe must be unsupported when denied: " + r);
        assertTrue(found.get("varhandle").supported(), r::toString);
        assertTrue(found.get("locking").supported(), r::toString);
        assertEquals("varhandle", r.selected());
        assertEquals(42, r.atomic());

        Result forced = ProbeProgram.run(ProbeProgram.onModulePath(
                        api(), backend("varhandle"), backend("unsafe"), backend("locking"))
                .javaHome(ChildJvm.JDK25).jvmOptions(ProbeProgram.DENY_UNSAFE, "-Dmpmetrics.backend=unsafe"));
        assertNotEquals(0, forced.exit(), forced::toString);
        assertTrue(forced.stderr().contains("BackendUnavailableException: backend 'unsafe'"), forced::toString);
        assertTrue(forced.stderr().contains("cannot run here: " + found.get("unsafe").reason()), forced::toString);
    }

    /** On JDK 25 without the switch, Unsafe memory access only warns: all three backends work. */
    @Test
    void onJdk25AllThreeBackendsWork() throws Exception {
        assumeTrue(ChildJvm.isJdk(ChildJvm.JDK25), "JDK 25 not installed at " + ChildJvm.JDK25);
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onModulePath(
                        api(), backend("varhandle"), backend("unsafe"), backend("locking"))
                .javaHome(ChildJvm.JDK25)).assertSucceeded();

        assertEquals(List.of("varhandle", "unsafe", "locking"), r.names(), r::toString);
        r.candidates().values().forEach(c -> assertTrue(c.supported(), () -> c.name() + ": " + r));
        assertEquals("varhandle", r.selected());

        Result forced = ProbeProgram.run(ProbeProgram.onModulePath(
                        api(), backend("varhandle"), backend("unsafe"), backend("locking"))
                .javaHome(ChildJvm.JDK25).jvmOptions("-Dmpmetrics.backend=unsafe")).assertSucceeded();
        assertEquals("unsafe", forced.selected());
        assertEquals(42, forced.atomic());
    }

    static void assumeNoForcedBackend() {
        assumeTrue(System.getenv("MPMETRICS_BACKEND") == null,
                "MPMETRICS_BACKEND is set in the environment and would force every child's selection");
    }
}
