package io.mpmetrics.itests.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Apache Felix launched in this JVM with SPI Fly (the OSGi ServiceLoader Mediator) and the real
 * api and backend bundles installed and started; with {@link #launchWithExporter}, also the
 * metrics and exporter bundles and what they need: the client_java bundles (config, model,
 * text formats) and jsr305 (the {@code javax.annotation} 3.x those import).
 *
 * <p>SPI Fly comes in two shapes, both tested:
 * <ul>
 *   <li>{@link Mediator#FRAMEWORK_EXTENSION}: the one jar with ASM inside, installed between the
 *       framework's {@code init()} and {@code start()} so that it is active before any api class
 *       loads. Its ASM (9.6) reads class files up to Java 22 only: on JDK 23+ weaving the api
 *       fails ("Unsupported class file major version"), because computing stack frames makes
 *       it read JDK classes.
 *   <li>{@link Mediator#BUNDLE}: the plain bundle importing ASM, here with the ASM 9.8 bundles,
 *       which read Java 25 class files; started before the api is installed.
 * </ul>
 *
 * <pre>{@code
 * try (FelixWithMpmetrics felix = FelixWithMpmetrics.launch(storage, Mediator.BUNDLE)) {
 *     Object backend = felix.mpmetrics().select();
 * }
 * }</pre>
 */
final class FelixWithMpmetrics implements AutoCloseable {
    /** How SPI Fly is deployed. */
    enum Mediator {
        /** {@code org.apache.aries.spifly.dynamic.framework.extension}, ASM inside. */
        FRAMEWORK_EXTENSION,
        /** {@code org.apache.aries.spifly.dynamic.bundle} with the ASM bundles. */
        BUNDLE
    }

    private static final String[] ASM = {"asm", "asm-tree", "asm-analysis", "asm-commons", "asm-util"};
    /** The bundle symbolic names of the metrics stack, as {@link #launchWithExporter} installs them. */
    static final List<String> METRICS_STACK = List.of("org.jsr-305", "io.prometheus.metrics-config",
            "io.prometheus.metrics-model", "io.prometheus.metrics-exposition-textformats", "io.mpmetrics.metrics",
            "io.mpmetrics.exporter");

    private final Framework framework;
    private final Bundle extender;
    private final List<Bundle> mediatorBundles;
    private final Bundle api;
    private final Map<String, Bundle> backends;
    private final Map<String, Bundle> metricsStack;
    private final ApiBundle mpmetrics;

    private FelixWithMpmetrics(Framework framework, Bundle extender, List<Bundle> mediatorBundles, Bundle api,
            Map<String, Bundle> backends, Map<String, Bundle> metricsStack) throws ReflectiveOperationException {
        this.framework = framework;
        this.extender = extender;
        this.mediatorBundles = mediatorBundles;
        this.api = api;
        this.backends = backends;
        this.metricsStack = metricsStack;
        this.mpmetrics = new ApiBundle(api);
    }

    /** Launches Felix with its storage in {@code storage} and installs and starts the api and the backends. */
    static FelixWithMpmetrics launch(Path storage, Mediator mediator) throws Exception {
        return launch(storage, mediator, false);
    }

    /**
     * {@link #launch}, and installs and starts the metrics stack too: jsr305, the client_java
     * bundles, metrics and exporter (see {@link #metricsStack()}).
     */
    static FelixWithMpmetrics launchWithExporter(Path storage, Mediator mediator) throws Exception {
        return launch(storage, mediator, true);
    }

    private static FelixWithMpmetrics launch(Path storage, Mediator mediator, boolean withExporter) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.service.urlhandlers", "false");
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.misc");
        // Felix's implicit boot delegation lets a class load that a bundle cannot satisfy fall back
        // to the class loader of a non-bundle caller - here the test's class path, which holds the
        // backend jars too - and ServiceLoader would then find class-path twins of the backends
        // ("not a subtype"). A real container's launcher class path holds no mpmetrics jars;
        // turning the heuristic off makes this framework as strict as that.
        config.put("felix.bootdelegation.implicit", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new AssertionError("no OSGi FrameworkFactory on the class path"));
        Framework framework = factory.newFramework(config);
        framework.init();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> mediatorBundles = new ArrayList<>();
            Bundle extender;
            if (mediator == Mediator.FRAMEWORK_EXTENSION) {
                // Before start(): the extension's activator then runs as the framework starts,
                // before any api class can load.
                mediatorBundles.add(install(context, PlatformJars.spiFly()));
                framework.start();
                extender = framework;
            } else {
                framework.start();
                for (String asm : ASM) {
                    mediatorBundles.add(install(context, PlatformJars.jar(asm + ".jar")));
                }
                extender = install(context, PlatformJars.jar("org.apache.aries.spifly.dynamic.bundle.jar"));
                mediatorBundles.add(extender);
                extender.start();
            }
            Bundle api = install(context, PlatformJars.api());
            Map<String, Bundle> backends = new LinkedHashMap<>();
            for (String name : PlatformJars.BACKENDS) {
                backends.put(name, install(context, PlatformJars.backend(name)));
            }
            Map<String, Bundle> metricsStack = new LinkedHashMap<>();
            if (withExporter) {
                List<Path> jars = new ArrayList<>();
                jars.add(PlatformJars.jsr305());
                jars.addAll(PlatformJars.prometheus());
                jars.add(PlatformJars.metrics());
                jars.add(PlatformJars.exporter());
                for (Path jar : jars) {
                    Bundle b = install(context, jar);
                    metricsStack.put(b.getSymbolicName(), b);
                }
            }
            api.start();
            for (Bundle b : backends.values()) {
                b.start();
            }
            // Starting resolves: a bundle whose imports nothing exports fails here, naming them.
            for (Bundle b : metricsStack.values()) {
                b.start();
            }
            return new FelixWithMpmetrics(framework, extender, mediatorBundles, api, backends, metricsStack);
        } catch (Exception | Error e) {
            stop(framework);
            throw e;
        }
    }

    private static Bundle install(BundleContext context, Path jar) throws BundleException {
        return context.installBundle(jar.toUri().toString());
    }

    /** The framework. */
    Framework framework() {
        return framework;
    }

    /** The bundle providing the osgi.serviceloader extenders: the system bundle or SPI Fly's. */
    Bundle extender() {
        return extender;
    }

    /** SPI Fly and, for {@link Mediator#BUNDLE}, the ASM bundles. */
    List<Bundle> mediatorBundles() {
        return mediatorBundles;
    }

    /** The api bundle. */
    Bundle api() {
        return api;
    }

    /** The backend bundles by backend name, highest priority first. */
    Map<String, Bundle> backends() {
        return backends;
    }

    /**
     * The bundles of {@link #launchWithExporter} by symbolic name, in {@link #METRICS_STACK}
     * order (empty after {@link #launch}).
     */
    Map<String, Bundle> metricsStack() {
        return metricsStack;
    }

    /** The metrics and exporter through their bundles' classes (after {@link #launchWithExporter}). */
    ExporterBundles exporter() throws ReflectiveOperationException {
        Bundle metrics = metricsStack.get("io.mpmetrics.metrics");
        Bundle exporter = metricsStack.get("io.mpmetrics.exporter");
        if (metrics == null || exporter == null) {
            throw new IllegalStateException("launched without the metrics and exporter bundles: use launchWithExporter");
        }
        return new ExporterBundles(metrics, exporter);
    }

    /** The api through the api bundle's classes. */
    ApiBundle mpmetrics() {
        return mpmetrics;
    }

    /** Installs and starts the backend {@code name} again (after it was uninstalled). */
    Bundle reinstallBackend(String name) throws BundleException {
        Bundle again = install(framework.getBundleContext(), PlatformJars.backend(name));
        backends.put(name, again);
        again.start();
        return again;
    }

    /** Stops the framework and waits for it. */
    @Override
    public void close() throws BundleException {
        stop(framework);
    }

    private static void stop(Framework framework) throws BundleException {
        framework.stop();
        try {
            if (framework.waitForStop(10_000).getType() != FrameworkEvent.STOPPED) {
                throw new AssertionError("Felix did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while Felix was stopping", e);
        }
    }
}
