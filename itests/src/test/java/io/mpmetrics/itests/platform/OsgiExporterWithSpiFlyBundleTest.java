package io.mpmetrics.itests.platform;

import io.mpmetrics.itests.platform.FelixWithMpmetrics.Mediator;

/**
 * The metrics and exporter bundles with SPI Fly as a plain bundle over the ASM 9.8 bundles: the
 * deployment that works on JDK 17 and on JDK 25.
 */
class OsgiExporterWithSpiFlyBundleTest extends OsgiExporterContract {
    @Override
    Mediator mediator() {
        return Mediator.BUNDLE;
    }
}
