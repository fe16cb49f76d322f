package io.mpmetrics.itests.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.osgi.framework.Bundle;

/**
 * The mpmetrics api as seen through an installed api bundle: every call goes by reflection to
 * the classes that bundle loaded, never to the copies on the test's own class path.
 *
 * <p>Calls run with the thread context class loader set to the platform class loader, which
 * sees no backend: if SPI Fly had not woven the api's {@code ServiceLoader.load}, no backend
 * could be found at all (the test's class path, which holds the backend jars too, stays out
 * of reach).
 *
 * <pre>{@code
 * ApiBundle mpmetrics = new ApiBundle(apiBundle);
 * Object backend = mpmetrics.select();
 * String name = mpmetrics.name(backend);     // "varhandle"
 * }</pre>
 */
final class ApiBundle {
    /** A candidate from {@code Backends.discover()}: its name, probe result and backend object. */
    record Candidate(String name, boolean supported, String reason, Object backend) {
    }

    private final Class<?> backends;
    private final Class<?> backend;
    private final Method select;
    private final Method discover;
    private final Method name;
    private final Method newAtomicInt64;
    private final Method allocate;
    private final Method add;
    private final Method get;
    private final Method candidateName;
    private final Method candidateProbe;
    private final Method candidateBackend;
    private final Method probeSupported;
    private final Method probeReason;

    ApiBundle(Bundle api) throws ReflectiveOperationException {
        backends = api.loadClass("io.mpmetrics.spi.Backends");
        backend = api.loadClass("io.mpmetrics.spi.Backend");
        Class<?> region = api.loadClass("io.mpmetrics.heap.Region");
        Class<?> atomicInt64 = api.loadClass("io.mpmetrics.atomic.AtomicInt64");
        Class<?> candidate = api.loadClass("io.mpmetrics.spi.BackendCandidate");
        Class<?> probe = api.loadClass("io.mpmetrics.spi.Probe");
        select = backends.getMethod("select");
        discover = backends.getMethod("discover");
        name = backend.getMethod("name");
        newAtomicInt64 = backend.getMethod("newAtomicInt64", region, int.class);
        allocate = region.getMethod("allocate", int.class);
        add = atomicInt64.getMethod("add", long.class);
        get = atomicInt64.getMethod("get");
        candidateName = candidate.getMethod("name");
        candidateProbe = candidate.getMethod("probe");
        candidateBackend = candidate.getMethod("backend");
        probeSupported = probe.getMethod("supported");
        probeReason = probe.getMethod("reason");
    }

    /** The api bundle's {@code Backends} class. */
    Class<?> backendsClass() {
        return backends;
    }

    /** The api bundle's {@code Backend} interface. */
    Class<?> backendInterface() {
        return backend;
    }

    /** {@code Backends.select()}; its exceptions are thrown as they are. */
    Object select() throws Exception {
        return call(() -> select.invoke(null));
    }

    /** {@code Backends.discover()}, by name in discovery order. */
    Map<String, Candidate> discover() throws Exception {
        List<?> found = (List<?>) call(() -> discover.invoke(null));
        Map<String, Candidate> byName = new LinkedHashMap<>();
        for (Object c : found) {
            Object probe = candidateProbe.invoke(c);
            String n = (String) candidateName.invoke(c);
            byName.put(n, new Candidate(n, (Boolean) probeSupported.invoke(probe), (String) probeReason.invoke(probe),
                    candidateBackend.invoke(c)));
        }
        return byName;
    }

    /** {@code backend.name()}. */
    String name(Object backendObject) throws Exception {
        return (String) call(() -> name.invoke(backendObject));
    }

    /**
     * A real atomic of {@code backendObject}: an {@code AtomicInt64} at offset 0 of
     * {@code Region.allocate(64)}, added 5 and 37; returns what it then holds.
     */
    long addFiveAndThirtySeven(Object backendObject) throws Exception {
        return (Long) call(() -> {
            Object region = allocate.invoke(null, 64);
            Object atomic = newAtomicInt64.invoke(backendObject, region, 0);
            add.invoke(atomic, 5L);
            add.invoke(atomic, 37L);
            return get.invoke(atomic);
        });
    }

    /**
     * Runs {@code body} (reflective calls into bundles) with the platform class loader as the
     * thread context class loader, and throws what the called method threw as it is.
     */
    static Object call(Callable<Object> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            return body.call();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
