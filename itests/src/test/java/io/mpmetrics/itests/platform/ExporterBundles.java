package io.mpmetrics.itests.platform;

import java.io.Closeable;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.osgi.framework.Bundle;

/**
 * The metrics and exporter modules as seen through their installed bundles: every call goes by
 * reflection to the classes those bundles loaded (and, through their imports, to the api,
 * backend and client_java bundles), never to the copies on the test's own class path. Calls
 * run like {@link ApiBundle}'s, with the platform class loader as the thread context class
 * loader.
 *
 * <pre>{@code
 * ExporterBundles bundles = new ExporterBundles(metricsBundle, exporterBundle);
 * Object registry = bundles.open(file);
 * Object jobs = bundles.counter(registry, "jobs", "Jobs run", "queue");
 * bundles.inc(jobs, "fast", 2);
 * String text = bundles.exposition(registry, "PROMETHEUS");
 * bundles.close(registry);
 * }</pre>
 */
final class ExporterBundles {
    private final Class<?> registryClass;
    private final Class<?> exposition;
    private final Class<?> format;
    private final Method open;
    private final Method openExisting;
    private final Method heap;
    private final Method backend;
    private final Method builder;
    private final Method name;
    private final Method help;
    private final Method labelNames;
    private final Method register;
    private final Method labelValues;
    private final Method inc;
    private final Method get;
    private final Method toText;

    ExporterBundles(Bundle metrics, Bundle exporter) throws ReflectiveOperationException {
        registryClass = metrics.loadClass("io.mpmetrics.metrics.MetricsRegistry");
        Class<?> counter = metrics.loadClass("io.mpmetrics.metrics.Counter");
        Class<?> counterBuilder = metrics.loadClass("io.mpmetrics.metrics.Counter$Builder");
        Class<?> child = metrics.loadClass("io.mpmetrics.metrics.Counter$Child");
        exposition = exporter.loadClass("io.mpmetrics.exporter.Exposition");
        format = exporter.loadClass("io.mpmetrics.exporter.Exposition$Format");
        open = registryClass.getMethod("openOrCreate", Path.class);
        openExisting = registryClass.getMethod("openExisting", Path.class);
        heap = registryClass.getMethod("heap");
        backend = heap.getReturnType().getMethod("backend");
        builder = counter.getMethod("builder");
        name = counterBuilder.getMethod("name", String.class);
        help = counterBuilder.getMethod("help", String.class);
        labelNames = counterBuilder.getMethod("labelNames", String[].class);
        register = counterBuilder.getMethod("register", registryClass);
        labelValues = counter.getMethod("labelValues", String.class);
        inc = child.getMethod("inc", double.class);
        get = child.getMethod("get");
        // The exporter's own view of MetricsRegistry: the lookup fails unless it is the metrics bundle's.
        toText = exposition.getMethod("toText", registryClass, format);
    }

    /** The metrics bundle's {@code MetricsRegistry}. */
    Class<?> registryClass() {
        return registryClass;
    }

    /** The exporter bundle's {@code Exposition}. */
    Class<?> expositionClass() {
        return exposition;
    }

    /** {@code MetricsRegistry.openOrCreate(file)}: the registry in {@code file}, created if needed. */
    Object open(Path file) throws Exception {
        return ApiBundle.call(() -> open.invoke(null, file));
    }

    /** {@code MetricsRegistry.openExisting(file)}: a reader's registry. */
    Object openExisting(Path file) throws Exception {
        return ApiBundle.call(() -> openExisting.invoke(null, file));
    }

    /** {@code registry.heap().backend()}: the backend the registry's heap runs on. */
    Object backend(Object registry) throws Exception {
        return ApiBundle.call(() -> backend.invoke(heap.invoke(registry)));
    }

    /** {@code Counter.builder().name(name).help(help).labelNames(labels).register(registry)}. */
    Object counter(Object registry, String counterName, String helpText, String... labels) throws Exception {
        return ApiBundle.call(() -> {
            Object b = builder.invoke(null);
            name.invoke(b, counterName);
            help.invoke(b, helpText);
            labelNames.invoke(b, (Object) labels);
            return register.invoke(b, registry);
        });
    }

    /** {@code counter.labelValues(label).inc(amount)}. */
    void inc(Object counter, String label, double amount) throws Exception {
        ApiBundle.call(() -> inc.invoke(labelValues.invoke(counter, label), amount));
    }

    /** {@code counter.labelValues(label).get()}. */
    double get(Object counter, String label) throws Exception {
        return (Double) ApiBundle.call(() -> get.invoke(labelValues.invoke(counter, label)));
    }

    /** {@code Exposition.toText(registry, Exposition.Format.valueOf(formatName))}. */
    String exposition(Object registry, String formatName) throws Exception {
        return (String) ApiBundle.call(() -> toText.invoke(null, registry, format.getMethod("valueOf", String.class)
                .invoke(null, formatName)));
    }

    /** {@code registry.close()}. */
    void close(Object registry) throws Exception {
        ApiBundle.call(() -> {
            ((Closeable) registry).close();
            return null;
        });
    }
}
