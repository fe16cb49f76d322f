package io.mpmetrics.itests.platform.probe;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backend;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.Comparator;

/**
 * A tiny program that uses the metrics module alone: it opens (or creates) the metrics file
 * {@code args[0]}, registers the counter {@value #COUNTER} with the label {@value #LABEL}, adds
 * {@code args[2]} to the series {@code LABEL=args[1]} and prints every series of the counter
 * that the file holds - also those other processes wrote. The platform tests compile this file
 * at test time into a module that only {@code requires io.mpmetrics.metrics}, and run it on the
 * module path and on the class path against the real jars.
 *
 * <p>Output, one fact per line:
 * <pre>
 * WORLD probe=io.mpmetrics.itests.probe.metrics metrics=io.mpmetrics.metrics api=io.mpmetrics.api   (or "unnamed")
 * MODULE io.mpmetrics.metrics automatic=false     (each io.mpmetrics/io.prometheus module of the boot layer but the probe)
 * BACKEND varhandle module=io.mpmetrics.backend.varhandle
 * SERIES classpath 5.0                            (label value, counter value; sorted by label value)
 * SERIES jpms 3.0
 * </pre>
 */
public final class MetricsProbe {
    /** The counter's name (exposed as {@code platform_jobs_total}). */
    public static final String COUNTER = "platform_jobs";
    /** The counter's help text: every process registering the counter must use the same. */
    public static final String HELP = "Jobs counted by the platform probes";
    /** The counter's one label. */
    public static final String LABEL = "world";

    private MetricsProbe() {
    }

    public static void main(String[] args) throws IOException {
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(Paths.get(args[0]))) {
            count(registry, args[1], Double.parseDouble(args[2]));
        }
    }

    /** Prints what runs, adds {@code amount} to the series {@code world} and prints the counter's series. */
    static void count(MetricsRegistry registry, String world, double amount) {
        System.out.println("WORLD probe=" + moduleName(MetricsProbe.class) + " metrics="
                + moduleName(MetricsRegistry.class) + " api=" + moduleName(Heap.class));
        ModuleLayer.boot().modules().stream()
                .filter(m -> m.getName().startsWith("io.mpmetrics.") || m.getName().startsWith("io.prometheus."))
                .filter(m -> m != MetricsProbe.class.getModule())
                .sorted(Comparator.comparing(Module::getName))
                .forEach(m -> System.out.println("MODULE " + m.getName() + " automatic="
                        + m.getDescriptor().isAutomatic()));
        Backend backend = registry.heap().backend();
        System.out.println("BACKEND " + backend.name() + " module=" + moduleName(backend.getClass()));

        Counter jobs = Counter.builder().name(COUNTER).help(HELP).labelNames(LABEL).register(registry);
        jobs.labelValues(world).inc(amount);
        for (MetricSnapshot metric : registry.collect()) {
            if (metric.name().equals(COUNTER)) {
                metric.dataPoints().stream().map(DataPoint.CounterPoint.class::cast)
                        .sorted(Comparator.comparing(p -> p.labelValues().get(0)))
                        .forEach(p -> System.out.println("SERIES " + p.labelValues().get(0) + " " + p.value()));
            }
        }
    }

    static String moduleName(Class<?> type) {
        Module module = type.getModule();
        return module.isNamed() ? module.getName() : "unnamed";
    }
}
