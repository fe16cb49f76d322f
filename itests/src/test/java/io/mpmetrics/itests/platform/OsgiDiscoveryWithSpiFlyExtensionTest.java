package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpmetrics.itests.platform.FelixWithMpmetrics.Mediator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

/**
 * OSGi discovery with SPI Fly as the one-jar framework extension (ASM inside), installed
 * between {@code init()} and {@code start()}. Skipped on JDK 23+: the ASM inside SPI Fly 1.3.7
 * cannot read their class files, so weaving the api fails there (see
 * {@link OsgiDiscoveryWithSpiFlyBundleTest} for the deployment that works on every JDK).
 */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = "SPI Fly 1.3.7's framework extension embeds an ASM "
        + "(9.6) that cannot read the class files of JDK 23+, so weaving the api fails there")
class OsgiDiscoveryWithSpiFlyExtensionTest extends OsgiDiscoveryContract {
    @Override
    Mediator mediator() {
        return Mediator.FRAMEWORK_EXTENSION;
    }

    @Test
    void spiFlyIsAttachedToTheSystemBundle() {
        Bundle spiFly = felix().mediatorBundles().get(0);
        assertEquals(Bundle.RESOLVED, spiFly.getState(), "a framework extension stays RESOLVED");
        assertTrue((spiFly.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0,
                "SPI Fly must be a fragment of the system bundle");
        assertEquals(0, felix().extender().getBundleId(), "the extenders are the system bundle's");
    }
}
