/** The unsafe backend of mpmetrics. */
module io.mpmetrics.backend.unsafe {
    requires io.mpmetrics.api;
    requires jdk.unsupported;

    provides io.mpmetrics.spi.Backend with io.mpmetrics.backend.unsafe.UnsafeBackend;
}
