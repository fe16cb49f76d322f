package io.mpmetrics.itests.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpmetrics.itests.platform.ApiBundle.Candidate;
import io.mpmetrics.itests.platform.FelixWithMpmetrics.Mediator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Backend discovery inside an OSGi framework, for either deployment of SPI Fly: Apache Felix
 * in this JVM with the real api and backend bundles (see {@link FelixWithMpmetrics}). SPI Fly
 * registers each backend's {@code osgi.serviceloader} capability as a {@code Backend} OSGi
 * service and weaves the api bundle's {@code ServiceLoader.load(Backend.class)}, so
 * {@code Backends.select()}, called through the api bundle's own classes (see
 * {@link ApiBundle}), sees the backend bundles that are active, and the selection follows
 * bundles being stopped and uninstalled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OsgiDiscoveryContract {
    private static final String BACKEND = "io.mpmetrics.spi.Backend";
    private static final String FORCE = "mpmetrics.backend";

    private FelixWithMpmetrics felix;
    private ApiBundle mpmetrics;
    private String forcedBefore;

    /** How SPI Fly is deployed in this variant. */
    abstract Mediator mediator();

    @BeforeAll
    void launch(@TempDir Path storage) throws Exception {
        ModulePathDiscoveryTest.assumeNoForcedBackend();
        forcedBefore = System.clearProperty(FORCE);
        long start = System.nanoTime();
        felix = FelixWithMpmetrics.launch(storage, mediator());
        mpmetrics = felix.mpmetrics();
        System.out.printf("%s: Felix with SPI Fly (%s), api and 3 backends up in %d ms%n",
                getClass().getSimpleName(), mediator(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @AfterAll
    void shutDown() throws Exception {
        if (forcedBefore != null) {
            System.setProperty(FORCE, forcedBefore);
        }
        if (felix != null) {
            felix.close();
        }
    }

    /** Every test starts and ends with all three backend bundles active and nothing forced. */
    @AfterEach
    void allBackendsBackUp() throws Exception {
        System.clearProperty(FORCE);
        for (Bundle b : felix.backends().values()) {
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
    }

    @Test
    void everyBundleIsActiveAndTheApiIsWiredToTheServiceLoaderProcessor() {
        Bundle api = felix.api();
        assertEquals(Bundle.ACTIVE, api.getState(), "api");
        felix.backends().forEach((name, b) -> assertEquals(Bundle.ACTIVE, b.getState(), name));

        // The api's Require-Capability on the ServiceLoader processor is what has SPI Fly weave it.
        List<BundleWire> extender = api.adapt(BundleWiring.class).getRequiredWires("osgi.extender");
        assertEquals(1, extender.size(), () -> "api extender wires: " + extender);
        assertEquals("osgi.serviceloader.processor",
                extender.get(0).getCapability().getAttributes().get("osgi.extender"));
        assertSame(felix.extender(), extender.get(0).getProvider().getBundle(), "provided by SPI Fly");
    }

    @Test
    void spiFlyRegistersEachBackendAsAnOsgiService() throws Exception {
        assertEquals(felix.backends(), registeredBackends(), "one Backend service per backend bundle");
    }

    @Test
    void selectThroughTheApiBundleFindsTheBackendBundlesAndPicksVarhandle() throws Exception {
        assertSame(felix.api(), FrameworkUtil.getBundle(mpmetrics.backendsClass()),
                "Backends must come from the api bundle");
        assertNotSame(io.mpmetrics.spi.Backends.class, mpmetrics.backendsClass());

        Map<String, Candidate> found = mpmetrics.discover();
        assertEquals(List.of("varhandle", "unsafe", "locking"), List.copyOf(found.keySet()), found::toString);
        for (Candidate c : found.values()) {
            assertTrue(c.supported(), () -> c.name() + " must pass its probe inside OSGi: " + c.reason());
            assertSame(felix.backends().get(c.name()), FrameworkUtil.getBundle(c.backend().getClass()),
                    c.name() + " must be loaded by its own bundle");
        }

        Object selected = mpmetrics.select();
        assertEquals("varhandle", mpmetrics.name(selected));
        assertSame(felix.backends().get("varhandle"), FrameworkUtil.getBundle(selected.getClass()));
        assertTrue(mpmetrics.backendInterface().isInstance(selected));
    }

    @Test
    void theApiBundleIsWovenBySpiFly() throws Exception {
        mpmetrics.discover();
        // SPI Fly's weaving adds a dynamic import of its own package to the api bundle, wired on first use.
        List<BundleWire> wires = felix.api().adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
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
        Map<String, Bundle> backends = felix.backends();
        backends.get("varhandle").stop();
        assertEquals(Set.of("unsafe", "locking"), registeredBackends().keySet(), "SPI Fly unregisters on stop");
        assertEquals("unsafe", mpmetrics.name(mpmetrics.select()));

        backends.get("unsafe").stop();
        assertEquals("locking", mpmetrics.name(mpmetrics.select()));

        backends.get("locking").stop();
        Exception none = assertThrows(Exception.class, mpmetrics::select);
        assertEquals("io.mpmetrics.spi.BackendUnavailableException", none.getClass().getName(), none::toString);
        assertSame(felix.api(), FrameworkUtil.getBundle(none.getClass()));
        assertTrue(none.getMessage().startsWith("no mpmetrics backend found"), none::getMessage);

        backends.get("varhandle").start();
        assertEquals("varhandle", mpmetrics.name(mpmetrics.select()), "a restarted bundle is found again");
    }

    @Test
    void uninstallingTheVarhandleBundleFallsBackToUnsafe() throws Exception {
        felix.backends().get("varhandle").uninstall();
        try {
            assertEquals(Set.of("unsafe", "locking"), registeredBackends().keySet());
            assertEquals(List.of("unsafe", "locking"), List.copyOf(mpmetrics.discover().keySet()));
            assertEquals("unsafe", mpmetrics.name(mpmetrics.select()));
        } finally {
            felix.reinstallBackend("varhandle");
        }
        assertEquals("varhandle", mpmetrics.name(mpmetrics.select()), "a reinstalled bundle is found again");
    }

    /** The registered Backend services: backend name to the bundle that registered it. */
    private Map<String, Bundle> registeredBackends() throws Exception {
        var context = felix.api().getBundleContext();
        ServiceReference<?>[] refs = context.getServiceReferences(BACKEND, null);
        Map<String, Bundle> registered = new HashMap<>();
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object service = context.getService(ref);
            try {
                String name = mpmetrics.name(service);
                assertSame(ref.getBundle(), FrameworkUtil.getBundle(service.getClass()),
                        name + " must be loaded by the bundle that registered it");
                assertTrue(mpmetrics.backendInterface().isInstance(service),
                        name + " must implement the api bundle's Backend: " + Arrays.toString(refs));
                registered.put(name, ref.getBundle());
            } finally {
                context.ungetService(ref);
            }
        }
        return registered;
    }

    /** The framework, for variant-specific checks. */
    FelixWithMpmetrics felix() {
        return felix;
    }
}
