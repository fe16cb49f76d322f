package io.mpmetrics.itests.conformance;

import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.backend.unsafe.UnsafeBackend;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.BackendCandidate;
import io.mpmetrics.spi.BackendUnavailableException;
import io.mpmetrics.spi.Backends;

/**
 * Child JVM for {@link BackendSelectionTest}: prints every backend candidate, the selected
 * backend (after an add on it), and what using the unsafe backend directly does. One line each:
 *
 * <pre>
 * CANDIDATE name usable reason
 * SELECTED name value      or   UNAVAILABLE message
 * DIRECT ok value          or   DIRECT ExceptionClass message
 * DONE
 * </pre>
 *
 * Exits 0 unless something other than the expected exceptions was thrown.
 */
public final class BackendReportMain {
    private BackendReportMain() {
    }

    public static void main(String[] args) {
        for (BackendCandidate c : Backends.discover()) {
            System.out.println("CANDIDATE " + c.name() + " " + c.usable() + " " + c.probe().reason());
        }
        try {
            Backend backend = Backends.select();
            AtomicInt64 a = backend.newAtomicInt64(Region.allocate(64), 0);
            a.add(41);
            a.add(1);
            System.out.println("SELECTED " + backend.name() + " " + a.get());
        } catch (BackendUnavailableException e) {
            System.out.println("UNAVAILABLE " + e.getMessage());
        }
        try {
            AtomicInt64 a = new UnsafeBackend().newAtomicInt64(Region.allocate(64), 0);
            a.add(7);
            System.out.println("DIRECT ok " + a.get());
        } catch (BackendUnavailableException e) {
            System.out.println("DIRECT " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        System.out.println("DONE");
    }
}
