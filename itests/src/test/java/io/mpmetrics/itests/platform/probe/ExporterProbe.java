package io.mpmetrics.itests.platform.probe;

import io.mpmetrics.exporter.Exposition;
import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Paths;

/**
 * {@link MetricsProbe}, then the whole registry written in the Prometheus text format by the
 * exporter ({@link Exposition}, i.e. client_java's own writer). The platform tests compile this
 * file (with {@code MetricsProbe}) at test time into a module that only
 * {@code requires io.mpmetrics.exporter}, and run it on the module path with the client_java
 * jars as automatic modules.
 *
 * <p>Output: {@code MetricsProbe}'s lines, then
 * <pre>
 * EXPORTER exporter=io.mpmetrics.exporter model=io.prometheus.metrics.model writer=io.prometheus.writer.text
 * TEXT # HELP platform_jobs_total Jobs counted by the platform probes      (one line per exposition line)
 * TEXT # TYPE platform_jobs_total counter
 * TEXT platform_jobs_total{world="jpms"} 3.0
 * </pre>
 */
public final class ExporterProbe {
    private ExporterProbe() {
    }

    public static void main(String[] args) throws IOException {
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(Paths.get(args[0]))) {
            MetricsProbe.count(registry, args[1], Double.parseDouble(args[2]));
            System.out.println("EXPORTER exporter=" + MetricsProbe.moduleName(Exposition.class)
                    + " model=" + MetricsProbe.moduleName(MetricSnapshots.class)
                    + " writer=" + MetricsProbe.moduleName(PrometheusTextFormatWriter.class));
            for (String line : Exposition.toText(registry, Exposition.Format.PROMETHEUS).split("\n")) {
                System.out.println("TEXT " + line);
            }
        }
    }
}
