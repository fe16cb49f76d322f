/** The locking backend of mpmetrics. */
module io.mpmetrics.backend.locking {
    requires io.mpmetrics.api;

    provides io.mpmetrics.spi.Backend with io.mpmetrics.backend.locking.LockingBackend;
}
