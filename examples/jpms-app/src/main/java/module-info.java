/** An application on the module path: it names the metrics module, never a backend. */
module example.jpms {
    requires io.mpmetrics.metrics;
    requires io.mpmetrics.exporter;
}
