package example.osgi.consumer;

import io.mpmetrics.exporter.Exposition;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backends;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Callable;

/**
 * A bundle that registers metrics in the file named by the framework property
 * {@code example.metrics.file} and offers two services for the launcher's check: the file's
 * metrics as Prometheus text, and the name of the backend the platform selects now.
 */
public final class Activator implements BundleActivator {
    private MetricsRegistry registry;

    @Override
    public void start(BundleContext context) throws Exception {
        registry = MetricsRegistry.openOrCreate(Path.of(context.getProperty("example.metrics.file")));
        Counter events = Counter.builder().name("osgi_app_events").help("Events handled by the bundle")
                .labelNames("bundle").register(registry);
        events.labelValues(context.getBundle().getSymbolicName()).inc(5);
        Gauge.builder().name("osgi_app_bundles_active").help("Consumer bundles started").register(registry).inc();

        Callable<String> text = () -> Exposition.toText(registry, Exposition.Format.PROMETHEUS);
        Callable<String> backend = () -> Backends.select().name();
        context.registerService(Callable.class, text, query("metrics"));
        context.registerService(Callable.class, backend, query("backend"));
        System.out.println("  consumer bundle: registered metrics in " + registry.path() + " with backend "
                + registry.heap().backend().name());
    }

    private static Dictionary<String, Object> query(String what) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("example.query", what);
        return props;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        registry.close();
    }
}
