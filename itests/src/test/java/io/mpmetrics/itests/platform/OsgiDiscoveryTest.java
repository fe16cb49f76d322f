package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpmetrics.itests.platform.ApiBundle.Candidate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Backend discovery inside an OSGi framework: Apache Felix launched from this test with SPI
 * Fly (the ServiceLoader Mediator) as a framework extension, the real api and backend bundles
 * installed and started. SPI Fly registers each backend's {@code osgi.serviceloader}
 * capability as a {@code Backend} OSGi service and weaves the api bundle's
 * {@code ServiceLoader.load(Backend.class)}, so {@code Backends.select()}, called through the
 * api bundle's own classes (see {@link ApiBundle}), sees the backend bundles that are active,
 * and the selection follows bundles being stopped and uninstalled.
 */
class OsgiDiscoveryTest {
    private static final String BACKEND = "io.mpmetrics.spi.Backend";
    private static final String FORCE = "mpmetrics.backend";

    @TempDir
    static Path storage;

    private static Framework framework;
    private static Bundle spiFly;
    private static Bundle api;
    /** The backend bundles by backend name; replaced when a test reinstalls one. */
    private static final Map<String, Bundle> backends = new LinkedHashMap<>();
    private static ApiBundle mpmetrics;
    private static String forcedBefore;

    @BeforeAll
    static void launch() throws Exception {
        ModulePathDiscoveryTest.assumeNoForcedBackend();
        forcedBefore = System.clearProperty(FORCE);
        long start = System.nanoTime();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.service.urlhandlers", "false");
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.misc");
        // Felix's implicit boot delegation lets a class load that a bundle cannot see fall back to the
        // class loader of the JDK caller's caller - here this test's class path, which holds the backend
        // jars too - and ServiceLoader would then find class-path twins of the backends ("not a subtype").
        // A real container's launcher class path holds no mpmetrics jars; turning the heuristic off makes
        // this framework as strict as that.
        config.put("felix.bootdelegation.implicit", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new AssertionError("no OSGi FrameworkFactory on the test class path"));
        framework = factory.newFramework(config);
        framework.init();
        BundleContext context = framework.getBundleContext();
        // SPI Fly must be in place before any api class loads, or the api is never woven:
        // installed as a framework extension between init() and start(), it starts with the framework.
        spiFly = context.installBundle(PlatformJars.spiFly().toUri().toString());
        framework.start();

        api = context.installBundle(PlatformJars.api().toUri().toString());
        for (String name : PlatformJars.BACKENDS) {
            backends.put(name, context.installBundle(PlatformJars.backend(name).toUri().toString()));
        }
        api.start();
        for (Bundle b : backends.values()) {
            b.start();
        }
        mpmetrics = new ApiBundle(api);
        System.out.printf("OsgiDiscoveryTest: Felix with SPI Fly, api and 3 backends up in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (forcedBefore != null) {
            System.setProperty(FORCE, forcedBefore);
        }
        if (framework != null) {
            framework.stop();
            assertEquals(FrameworkEvent.STOPPED, framework.waitForStop(10_000).getType(), "Felix did not stop in time");
        }
    }

    /** Every test starts and ends with all three backend bundles active and nothing forced. */
    @AfterEach
    void allBackendsBackUp() throws Exception {
        System.clearProperty(FORCE);
        for (Bundle b : backends.values()) {
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
    }

    @Test
    void spiFlyIsAFrameworkExtensionAndEveryBundleIsActive() {
        assertEquals(Bundle.RESOLVED, spiFly.getState(), "a framework extension stays RESOLVED");
        assertTrue((spiFly.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0,
                "SPI Fly must be attached to the system bundle");
        assertEquals(Bundle.ACTIVE, api.getState(), "api");
        backends.forEach((name, b) -> assertEquals(Bundle.ACTIVE, b.getState(), name));

        // The api's Require-Capability on the ServiceLoader processor is what has SPI Fly weave it.
        List<BundleWire> extender = api.adapt(BundleWiring.class).getRequiredWires("osgi.extender");
        assertEquals(1, extender.size(), () -> "api extender wires: " + extender);
        assertEquals("osgi.serviceloader.processor",
                extender.get(0).getCapability().getAttributes().get("osgi.extender"));
        assertEquals(0, extender.get(0).getProvider().getBundle().getBundleId(), "provided by the system bundle");
    }

    @Test
    void spiFlyRegistersEachBackendAsAnOsgiService() throws Exception {
        assertEquals(backends, registeredBackends(), "one Backend service per backend bundle");
    }

    @Test
    void selectThroughTheApiBundleFindsTheBackendBundlesAndPicksVarhandle() throws Exception {
        assertSame(api, FrameworkUtil.getBundle(mpmetrics.backendsClass()), "Backends must come from the api bundle");
        assertNotSame(io.mpmetrics.spi.Backends.class, mpmetrics.backendsClass());

        Map<String, Candidate> found = mpmetrics.discover();
        assertEquals(List.of("varhandle", "unsafe", "locking"), List.copyOf(found.keySet()), found::toString);
        for (Candidate c : found.values()) {
            assertTrue(c.supported(), () -> c.name() + " must pass its probe inside OSGi: " + c.reason());
            assertSame(backends.get(c.name()), FrameworkUtil.getBundle(c.backend().getClass()),
                    c.name() + " must be loaded by its own bundle");
        }

        Object selected = mpmetrics.select();
        assertEquals("varhandle", mpmetrics.name(selected));
        assertSame(backends.get("varhandle"), FrameworkUtil.getBundle(selected.getClass()));
        assertTrue(mpmetrics.backendInterface().isInstance(selected));
    }

    @Test
    void theApiBundleIsWovenBySpiFly() throws Exception {
        mpmetrics.discover();
        // SPI Fly's weaving adds a dynamic import of its own package to the api bundle, wired on first use.
        List<BundleWire> wires = api.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
        assertTrue(wires.stream().anyMatch(w -> "org.apache.aries.spifly".equals(
                        w.getCapability().getAttributes().get("osgi.wiring.package"))),
                () -> "the api bundle was not woven by SPI Fly; its package wires: " + wires);
    }

    @Test
    void everyBackendGivesWorkingAtomicsInsideOsgi() throws Exception {
        Map<String, Candidate> found = mpmetrics.discover();
        assertEquals(Set.of("varhandle", "unsafe", "locking"), found.keySet());
        for (Candidate c : found.values()) {
            assertEquals(42, mpmetrics.addFiveAndThirtySeven(c.backend()), c.name());
        }
        assertEquals(42, mpmetrics.addFiveAndThirtySeven(mpmetrics.select()));
    }

    @Test
    void theSystemPropertyForcesABackendInsideOsgi() throws Exception {
        System.setProperty(FORCE, "locking");
        assertEquals("locking", mpmetrics.name(mpmetrics.select()));
        System.setProperty(FORCE, "unsafe");
        assertEquals("unsafe", mpmetrics.name(mpmetrics.select()));
    }

    @Test
    void stoppingBackendBundlesChangesTheNextSelection() throws Exception {
        backends.get("varhandle").stop();
        assertEquals(Set.of("unsafe", "locking"), registeredBackends().keySet(), "SPI Fly unregisters on stop");
        assertEquals("unsafe", mpmetrics.name(mpmetrics.select()));

        backends.get("unsafe").stop();
        assertEquals("locking", mpmetrics.name(mpmetrics.select()));

        backends.get("locking").stop();
        Exception none = assertThrows(Exception.class, mpmetrics::select);
        assertEquals("io.mpmetrics.spi.BackendUnavailableException", none.getClass().getName(), none::toString);
        assertSame(api, FrameworkUtil.getBundle(none.getClass()));
        assertTrue(none.getMessage().startsWith("no mpmetrics backend found"), none::getMessage);

        backends.get("varhandle").start();
        assertEquals("varhandle", mpmetrics.name(mpmetrics.select()), "a restarted bundle is found again");
    }

    @Test
    void uninstallingTheVarhandleBundleFallsBackToUnsafe() throws Exception {
        Bundle varhandle = backends.get("varhandle");
        varhandle.uninstall();
        try {
            assertEquals(Set.of("unsafe", "locking"), registeredBackends().keySet());
            assertEquals(List.of("unsafe", "locking"), List.copyOf(mpmetrics.discover().keySet()));
            assertEquals("unsafe", mpmetrics.name(mpmetrics.select()));
        } finally {
            Bundle again = api.getBundleContext().installBundle(PlatformJars.backend("varhandle").toUri().toString());
            backends.put("varhandle", again);
            again.start();
        }
        assertEquals("varhandle", mpmetrics.name(mpmetrics.select()), "a reinstalled bundle is found again");
    }

    /** The registered Backend services: backend name to the bundle that registered it. */
    private static Map<String, Bundle> registeredBackends() throws Exception {
        ServiceReference<?>[] refs = api.getBundleContext().getServiceReferences(BACKEND, null);
        Map<String, Bundle> registered = new HashMap<>();
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object service = api.getBundleContext().getService(ref);
            try {
                String name = mpmetrics.name(service);
                assertSame(ref.getBundle(), FrameworkUtil.getBundle(service.getClass()),
                        name + " must be loaded by the bundle that registered it");
                assertTrue(mpmetrics.backendInterface().isInstance(service),
                        name + " must implement the api bundle's Backend: " + Arrays.toString(refs));
                registered.put(name, ref.getBundle());
            } finally {
                api.getBundleContext().ungetService(ref);
            }
        }
        return registered;
    }
}
