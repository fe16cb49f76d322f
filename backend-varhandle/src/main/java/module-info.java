/** The varhandle backend of mpmetrics. */
module io.mpmetrics.backend.varhandle {
    requires io.mpmetrics.api;

    provides io.mpmetrics.spi.Backend with io.mpmetrics.backend.varhandle.VarHandleBackend;
}
