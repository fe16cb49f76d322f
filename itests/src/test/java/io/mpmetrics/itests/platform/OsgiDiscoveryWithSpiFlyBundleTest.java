package io.mpmetrics.itests.platform;

import static io.mpmetrics.itests.platform.ModulePathDiscoveryTest.assumeNoForcedBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpmetrics.itests.platform.FelixWithMpmetrics.Mediator;
import io.mpmetrics.itests.platform.ProbeProgram.Candidate;
import io.mpmetrics.itests.platform.ProbeProgram.Result;
import io.mpmetrics.itests.support.ChildJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * OSGi discovery with SPI Fly as a plain bundle over the ASM 9.8 bundles, started before the
 * api is installed: the deployment that works on JDK 17 and on JDK 25.
 */
class OsgiDiscoveryWithSpiFlyBundleTest extends OsgiDiscoveryContract {
    @Override
    Mediator mediator() {
        return Mediator.BUNDLE;
    }

    @Test
    void spiFlyAndAsmAreBundlesOfTheirOwn() {
        for (Bundle b : felix().mediatorBundles()) {
            assertEquals(b == felix().extender() ? Bundle.ACTIVE : Bundle.RESOLVED, b.getState(), b.getSymbolicName());
        }
        assertEquals("org.apache.aries.spifly.dynamic.bundle", felix().extender().getSymbolicName());
    }

    /**
     * Felix in a JDK 25 child with sun.misc.Unsafe memory access denied: the unsafe bundle
     * resolves and starts, its probe says it cannot run, and varhandle is selected.
     */
    @Test
    void onJdk25WithUnsafeDeniedTheUnsafeBundleReportsUnsupported() throws Exception {
        assumeTrue(ChildJvm.isJdk(ChildJvm.JDK25), "JDK 25 not installed at " + ChildJvm.JDK25);
        assumeNoForcedBackend();
        Result r = ProbeProgram.run(ChildJvm.builder(OsgiProbe.class).javaHome(ChildJvm.JDK25)
                .jvmOptions(ProbeProgram.DENY_UNSAFE,
                        "-D" + PlatformJars.PROPERTY + "=" + PlatformJars.dir().toAbsolutePath())
                .args(Mediator.BUNDLE.name())).assertSucceeded();

        assertEquals("osgi", r.world());
        assertEquals(List.of("varhandle", "unsafe", "locking"), r.names(), r::toString);
        Map<String, Candidate> found = r.candidates();
        found.values().forEach(c -> assertEquals("io.mpmetrics.backend." + c.name(), c.module(), r::toString));
        assertFalse(found.get("unsafe").supported(), () -> "unsafe must be unsupported when denied: " + r);
        assertTrue(found.get("varhandle").supported(), r::toString);
        assertTrue(found.get("locking").supported(), r::toString);
        assertEquals("varhandle", r.selected());
        assertEquals(42, r.atomic());
    }
}
