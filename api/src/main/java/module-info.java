/**
 * mpmetrics api: the shared-memory heap, atomics, cross-process locks, shared types and
 * the {@link io.mpmetrics.spi.Backend} service interface that backends implement.
 */
module io.mpmetrics.api {
    exports io.mpmetrics.util;
    exports io.mpmetrics.spi;
    exports io.mpmetrics.atomic;
    exports io.mpmetrics.lock;
    exports io.mpmetrics.heap;
    exports io.mpmetrics.generics;
    exports io.mpmetrics.types;

    uses io.mpmetrics.spi.Backend;
}
