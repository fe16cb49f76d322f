package example.osgi.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Launches Apache Felix from a plain {@code main}, installs SPI Fly (the OSGi ServiceLoader
 * Mediator, as a bundle with ASM 9.8), the mpmetrics bundles and the consumer bundle from the
 * local Maven repository, and checks what the consumer registered; then stops the VarHandle
 * backend bundle and checks that the platform falls back to the next backend.
 *
 * <pre>
 * java -cp 'launcher/target/classes:launcher/target/lib/*' example.osgi.launcher.Main
 * </pre>
 */
public final class Main {
    private static final List<String> MEDIATOR = List.of("asm", "asm-tree", "asm-analysis", "asm-commons", "asm-util",
            "spifly");
    private static final List<String> PLATFORM = List.of("api", "backend-varhandle", "backend-unsafe",
            "backend-locking", "jsr305", "prometheus-config", "prometheus-model", "prometheus-exposition-textformats",
            "metrics", "exporter", "consumer");

    public static void main(String[] args) throws Exception {
        Properties jars = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/bundles.properties")) {
            jars.load(in);
        }
        Path work = Files.createTempDirectory("osgi-app");
        Path file = work.resolve("osgi.mpm");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.service.urlhandlers", "false");
        // The unsafe backend imports sun.misc (optionally): let the system bundle export it.
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.misc");
        config.put("example.metrics.file", file.toString());

        Framework felix = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        felix.init();
        felix.start();
        boolean ok = false;
        try {
            BundleContext context = felix.getBundleContext();
            // SPI Fly first: it must be active before the api bundle's classes load, to weave them.
            Bundle spifly = null;
            for (String name : MEDIATOR) {
                Bundle b = install(context, jars, name);
                if (name.equals("spifly")) {
                    spifly = b;
                }
            }
            spifly.start();
            Map<String, Bundle> platform = new LinkedHashMap<>();
            for (String name : PLATFORM) {
                platform.put(name, install(context, jars, name));
            }
            for (Bundle b : platform.values()) {
                b.start();
            }
            System.out.println("osgi-app: Felix " + felix.getVersion() + " with " + context.getBundles().length
                    + " bundles on Java " + System.getProperty("java.version"));

            String text = query(context, "metrics");
            String sample = "osgi_app_events_total{bundle=\"example.osgi.consumer\"} 5.0";
            String before = query(context, "backend");
            platform.get("backend-varhandle").stop();
            String after = query(context, "backend");
            System.out.print(text);
            System.out.println("backend selected: " + before + "; after stopping the varhandle bundle: " + after);
            ok = text.contains(sample) && text.contains("osgi_app_bundles_active 1.0") && before.equals("varhandle")
                    && after.equals("unsafe");
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
            if (felix.getState() != Bundle.RESOLVED) {
                System.out.println("Felix did not stop");
                ok = false;
            }
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println(ok ? "osgi-app: OK" : "osgi-app: FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static Bundle install(BundleContext context, Properties jars, String name) throws Exception {
        String jar = jars.getProperty(name);
        if (jar == null || jar.startsWith("${")) {
            throw new IllegalStateException("no jar for bundle " + name + " in bundles.properties (built with mvn package?)");
        }
        return context.installBundle(Path.of(jar).toUri().toString());
    }

    /** Calls the consumer's {@code Callable} service registered with {@code example.query=what}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String query(BundleContext context, String what) throws Exception {
        List<ServiceReference<Callable>> refs = new ArrayList<>(
                context.getServiceReferences(Callable.class, "(example.query=" + what + ")"));
        if (refs.isEmpty()) {
            throw new IllegalStateException("the consumer bundle registered no '" + what + "' service");
        }
        Callable<String> service = context.getService(refs.get(0));
        try {
            return service.call();
        } finally {
            context.ungetService(refs.get(0));
        }
    }
}
