package io.mpmetrics.itests.platform.probe;

import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.BackendCandidate;
import io.mpmetrics.spi.Backends;
import java.util.List;

/**
 * A tiny program that reports what {@link Backends} finds and selects in the JVM it runs in.
 * The platform tests compile this very file at test time (with a generated module-info that
 * only {@code requires io.mpmetrics.api}) and run it on the module path and on the class path
 * against the real jars, in child JVMs of JDK 17 and 25.
 *
 * <p>Output, one fact per line:
 * <pre>
 * WORLD probe=io.mpmetrics.itests.probe api=io.mpmetrics.api      (module names, or "unnamed")
 * CANDIDATES 3
 * CANDIDATE varhandle supported=true module=io.mpmetrics.backend.varhandle reason=ok
 * ...
 * SELECTED varhandle module=io.mpmetrics.backend.varhandle
 * ATOMIC 42                                                         (an AtomicInt64 of the selected backend)
 * </pre>
 * If no backend can be selected, {@code Backends.select()} throws out of {@code main}: the
 * JVM prints the {@code BackendUnavailableException} and exits with 1.
 */
public final class PlatformProbe {
    private PlatformProbe() {
    }

    public static void main(String[] args) {
        System.out.println("WORLD probe=" + moduleName(PlatformProbe.class) + " api=" + moduleName(Backend.class));
        List<BackendCandidate> candidates = Backends.discover();
        System.out.println("CANDIDATES " + candidates.size());
        for (BackendCandidate c : candidates) {
            System.out.println("CANDIDATE " + c.name() + " supported=" + c.probe().supported()
                    + " module=" + (c.backend() == null ? "none" : moduleName(c.backend().getClass()))
                    + " reason=" + c.probe().reason());
        }
        System.out.flush();
        Backend selected = Backends.select();
        System.out.println("SELECTED " + selected.name() + " module=" + moduleName(selected.getClass()));
        AtomicInt64 value = selected.newAtomicInt64(Region.allocate(64), 0);
        value.add(5);
        value.add(37);
        System.out.println("ATOMIC " + value.get());
    }

    private static String moduleName(Class<?> type) {
        Module module = type.getModule();
        return module.isNamed() ? module.getName() : "unnamed";
    }
}
