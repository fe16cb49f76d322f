package io.mpmetrics.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link Backend}s on the class path, module path or in the OSGi framework (one
 * {@code ServiceLoader} code path; SPI Fly weaves it in OSGi) and picks one.
 *
 * <p>Selection: the highest-priority backend whose probe passes; the system property
 * {@value #BACKEND_PROPERTY} (or the environment variable {@value #BACKEND_ENV}) forces one by
 * name. Selection is not cached: when backends come and go (OSGi bundles stopped or
 * uninstalled) the next call sees it.
 *
 * <pre>{@code
 * Backend backend = Backends.select();            // e.g. varhandle
 * System.setProperty("mpmetrics.backend", "locking");
 * Backends.select().name();                       // "locking"
 * }</pre>
 */
public final class Backends {
    /** System property naming the backend to force. */
    public static final String BACKEND_PROPERTY = "mpmetrics.backend";
    /** Environment variable naming the backend to force (the property wins). */
    public static final String BACKEND_ENV = "MPMETRICS_BACKEND";

    private Backends() {
    }

    /**
     * Every backend provider found, highest priority first, each with its probe result.
     * Never throws: a provider that fails to load or whose probe throws is listed as unsupported.
     */
    public static List<BackendCandidate> discover() {
        List<BackendCandidate> found = new ArrayList<>();
        for (Backend backend : providers(found)) {
            found.add(candidate(backend));
        }
        found.sort(Comparator.comparingInt((BackendCandidate c) -> c.backend() == null ? Integer.MIN_VALUE
                : c.backend().priority()).reversed());
        return found;
    }

    /**
     * Every provider that loads, highest priority first, without probing; providers that fail
     * to load are added to {@code failures}.
     */
    private static List<Backend> providers(List<BackendCandidate> failures) {
        List<Backend> backends = new ArrayList<>();
        Iterator<Backend> it;
        try {
            it = ServiceLoader.load(Backend.class).iterator();
        } catch (ServiceConfigurationError e) {
            failures.add(new BackendCandidate("<service loader>", null, Probe.unsupported("service loading failed", e)));
            return backends;
        }
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                backends.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(new BackendCandidate("<provider>", null, Probe.unsupported("provider failed to load", e)));
            }
        }
        backends.sort(Comparator.comparingInt(Backends::prioritySafely).reversed());
        return backends;
    }

    private static int prioritySafely(Backend backend) {
        try {
            return backend.priority();
        } catch (RuntimeException | LinkageError e) {
            return Integer.MIN_VALUE;
        }
    }

    private static String nameSafely(Backend backend) {
        try {
            return backend.name();
        } catch (RuntimeException | LinkageError e) {
            return backend.getClass().getName();
        }
    }

    /** The probe of one backend, made safe: a probe that throws counts as unsupported. */
    public static BackendCandidate candidate(Backend backend) {
        Probe probe;
        String name = nameSafely(backend);
        try {
            probe = backend.probe();
            if (probe == null) {
                probe = Probe.unsupported("probe returned null");
            }
        } catch (RuntimeException | LinkageError e) {
            probe = Probe.unsupported("probe threw", e);
        }
        return new BackendCandidate(name, backend, probe);
    }

    /**
     * The backend to use now: the one forced by {@value #BACKEND_PROPERTY} /
     * {@value #BACKEND_ENV}, else the highest-priority one whose probe passes.
     *
     * @throws BackendUnavailableException if the forced backend is unknown or unsupported,
     *     or no backend is usable; the message lists every backend found and its probe
     */
    public static Backend select() {
        return select(forcedName());
    }

    /**
     * Like {@link #select()}, with {@code forced} (may be {@code null} or blank for none)
     * in place of the property.
     */
    public static Backend select(String forced) {
        // Probe lazily, in priority order: a probe can have side effects (the unsafe one makes
        // JDK 24+ print a warning), so backends below the one selected are never probed.
        List<Backend> backends = providers(new ArrayList<>());
        if (forced != null && !forced.isBlank()) {
            String wanted = forced.trim().toLowerCase(Locale.ROOT);
            for (Backend backend : backends) {
                if (nameSafely(backend).equalsIgnoreCase(wanted)) {
                    BackendCandidate c = candidate(backend);
                    if (c.usable()) {
                        return backend;
                    }
                    throw new BackendUnavailableException("backend '" + wanted + "' (forced by -D" + BACKEND_PROPERTY
                            + " or " + BACKEND_ENV + ") cannot run here: " + c.probe().reason()
                            + "; backends found: " + describe(discover()));
                }
            }
            throw new BackendUnavailableException("unknown backend '" + wanted + "' (forced by -D" + BACKEND_PROPERTY
                    + " or " + BACKEND_ENV + "); backends found: " + describe(discover()));
        }
        for (Backend backend : backends) {
            if (candidate(backend).usable()) {
                return backend;
            }
        }
        List<BackendCandidate> candidates = discover();
        throw new BackendUnavailableException(candidates.isEmpty()
                ? "no mpmetrics backend found: put backend-varhandle, backend-unsafe or backend-locking on the "
                        + "class path or module path (or install one in the OSGi framework)"
                : "no mpmetrics backend can run here; backends found: " + describe(candidates));
    }

    /**
     * The best backend of {@code family}: the forced one if a backend is forced (whatever its
     * family: the caller then reports a mismatch), else the highest-priority backend of that
     * family whose probe passes.
     *
     * @throws BackendUnavailableException if none can run here
     */
    public static Backend select(LayoutFamily family) {
        if (forcedName() != null) {
            return select();
        }
        for (Backend backend : providers(new ArrayList<>())) {
            if (familySafely(backend) == family && candidate(backend).usable()) {
                return backend;
            }
        }
        throw new BackendUnavailableException("no backend of the " + family + " layout family can run here; "
                + "backends found: " + describe(discover()));
    }

    private static LayoutFamily familySafely(Backend backend) {
        try {
            return backend.layoutFamily();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The backend named {@code name}, whatever its priority.
     *
     * @throws BackendUnavailableException if it is not found or its probe fails
     */
    public static Backend named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("backend name must not be blank");
        }
        return select(name);
    }

    /** The backend name forced by the system property or the environment, or {@code null}. */
    public static String forcedName() {
        String forced = System.getProperty(BACKEND_PROPERTY);
        if (forced == null || forced.isBlank()) {
            forced = System.getenv(BACKEND_ENV);
        }
        return forced == null || forced.isBlank() ? null : forced.trim();
    }

    /** One line describing every candidate, for messages. */
    public static String describe(List<BackendCandidate> candidates) {
        if (candidates.isEmpty()) {
            return "none";
        }
        return candidates.stream().map(BackendCandidate::toString).collect(Collectors.joining("; "));
    }
}
