package io.mpmetrics.itests.platform;

import io.mpmetrics.itests.platform.FelixWithMpmetrics.Mediator;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The metrics and exporter bundles with SPI Fly as the one-jar framework extension. Skipped on
 * JDK 23+, like {@link OsgiDiscoveryWithSpiFlyExtensionTest}: its ASM cannot read their class files.
 */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = "SPI Fly 1.3.7's framework extension embeds an ASM "
        + "(9.6) that cannot read the class files of JDK 23+, so weaving the api fails there")
class OsgiExporterWithSpiFlyExtensionTest extends OsgiExporterContract {
    @Override
    Mediator mediator() {
        return Mediator.FRAMEWORK_EXTENSION;
    }
}
