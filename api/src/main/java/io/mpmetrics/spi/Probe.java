package io.mpmetrics.spi;

import java.util.Objects;

/**
 * The answer of {@link Backend#probe()}: can this backend run here, and if not, why.
 *
 * <pre>{@code
 * Probe p = Probe.unsupported("sun.misc.Unsafe memory access is denied");
 * }</pre>
 *
 * @param supported whether the backend works on this platform
 * @param reason why not (or a short note when supported)
 */
public record Probe(boolean supported, String reason) {
    /**
     * Checks that there is a reason.
     *
     * @throws NullPointerException if {@code reason} is null
     */
    public Probe {
        Objects.requireNonNull(reason, "reason");
    }

    /** A passing probe. */
    public static Probe ok() {
        return new Probe(true, "ok");
    }

    /** A failing probe with its reason. */
    public static Probe unsupported(String reason) {
        return new Probe(false, reason);
    }

    /** A failing probe caused by {@code t}. */
    public static Probe unsupported(String what, Throwable t) {
        return new Probe(false, what + ": " + t);
    }
}
