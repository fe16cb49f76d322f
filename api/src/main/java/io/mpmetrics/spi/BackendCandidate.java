package io.mpmetrics.spi;

/**
 * A backend found by {@link Backends#discover()} with the result of its probe. A provider
 * that could not even be loaded appears with a {@code null} backend and a failing probe.
 *
 * @param name the backend's name (or the provider's class name if it failed to load)
 * @param backend the backend, or {@code null} if its provider failed to load
 * @param probe whether it can run here, and why not
 */
public record BackendCandidate(String name, Backend backend, Probe probe) {
    /** Whether this candidate can be selected. */
    public boolean usable() {
        return backend != null && probe.supported();
    }

    @Override
    public String toString() {
        String priority = backend == null ? "?" : Integer.toString(backend.priority());
        return name + " (priority " + priority + ", "
                + (probe.supported() ? "supported" : "unsupported: " + probe.reason()) + ")";
    }
}
