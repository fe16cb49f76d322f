package io.mpmetrics.itests.platform;

import static io.mpmetrics.itests.platform.ModulePathDiscoveryTest.assumeNoForcedBackend;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backend discovery on a plain class path: the same probe, run with {@code java -cp <jars>} in
 * a child JVM, finds the backends through their {@code META-INF/services} files.
 */
class ClassPathDiscoveryTest {
    @Test
    void allThreeBackendsAreFoundAndVarhandleIsSelected() throws Exception {
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onClassPath(
                api(), backend("varhandle"), backend("unsafe"), backend("locking"))).assertSucceeded();

        assertEquals("probe=unnamed api=unnamed", r.world(), "on the class path nothing is a named module");
        assertEquals(List.of("varhandle", "unsafe", "locking"), r.names(), r::toString);
        for (Candidate c : r.candidates().values()) {
            assertEquals("unnamed", c.module(), r::toString);
            assertTrue(c.supported(), () -> c.name() + " must pass its probe on this JDK: " + r);
        }
        assertEquals("varhandle", r.selected());
        assertEquals(42, r.atomic());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unsafe", "locking", "VarHandle"})
    void theSystemPropertyForcesABackend(String forced) throws Exception {
        Result r = ProbeProgram.run(ProbeProgram.onClassPath(
                        api(), backend("varhandle"), backend("unsafe"), backend("locking"))
                .jvmOptions("-Dmpmetrics.backend=" + forced)).assertSucceeded();

        assertEquals(forced.toLowerCase(java.util.Locale.ROOT), r.selected(), r::toString);
        assertEquals(42, r.atomic());
    }

    @Test
    void withoutAnyBackendJarSelectionFailsClearly() throws Exception {
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onClassPath(api()));

        assertNotEquals(0, r.exit(), r::toString);
        assertTrue(r.stderr().contains("io.mpmetrics.spi.BackendUnavailableException: no mpmetrics backend found"),
                r::toString);
    }

    /** JDK 25 with sun.misc.Unsafe memory access denied, on the class path. */
    @Test
    void onJdk25WithUnsafeDeniedUnsafeIsUnsupportedAndVarhandleIsSelected() throws Exception {
        assumeTrue(ChildJvm.isJdk(ChildJvm.JDK25), "JDK 25 not installed at " + ChildJvm.JDK25);
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ProbeProgram.onClassPath(
                        api(), backend("varhandle"), backend("unsafe"), backend("locking"))
                .javaHome(ChildJvm.JDK25).jvmOptions(ProbeProgram.DENY_UNSAFE)).assertSucceeded();

        assertEquals(List.of("varhandle", "unsafe", "locking"), r.names(), r::toString);
        assertFalse(r.candidates().get("unsafe").supported(), () -> "unsafe must be unsupported when denied: " + r);
        assertEquals("varhandle", r.selected());
        assertEquals(42, r.atomic());
    }
}
