package io.mpmetrics.itests.platform;

import io.mpmetrics.itests.platform.ApiBundle.Candidate;
import io.mpmetrics.itests.platform.FelixWithMpmetrics.Mediator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.FrameworkUtil;

/**
 * {@link io.mpmetrics.itests.platform.probe.PlatformProbe}'s report, from inside OSGi: launches
 * {@link FelixWithMpmetrics} (SPI Fly deployed as {@code args[0]}, a {@link Mediator} name) and
 * prints the same lines, with bundle symbolic names where the probe prints module names. Run in
 * a child JVM to see OSGi on another JDK or with other JVM options, e.g.
 * {@code --sun-misc-unsafe-memory-access=deny} on JDK 25. Needs the system property
 * {@value PlatformJars#PROPERTY}.
 *
 * <pre>
 * WORLD osgi
 * CANDIDATES 3
 * CANDIDATE unsafe supported=false module=io.mpmetrics.backend.unsafe reason=...
 * SELECTED varhandle module=io.mpmetrics.backend.varhandle
 * ATOMIC 42
 * </pre>
 */
public final class OsgiProbe {
    private OsgiProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path storage = Files.createTempDirectory("mpmetrics-felix");
        try (FelixWithMpmetrics felix = FelixWithMpmetrics.launch(storage, Mediator.valueOf(args[0]))) {
            ApiBundle mpmetrics = felix.mpmetrics();
            System.out.println("WORLD osgi");
            var found = mpmetrics.discover();
            System.out.println("CANDIDATES " + found.size());
            for (Candidate c : found.values()) {
                System.out.println("CANDIDATE " + c.name() + " supported=" + c.supported() + " module="
                        + bundleOf(c.backend()) + " reason=" + c.reason());
            }
            Object selected = mpmetrics.select();
            System.out.println("SELECTED " + mpmetrics.name(selected) + " module=" + bundleOf(selected));
            System.out.println("ATOMIC " + mpmetrics.addFiveAndThirtySeven(selected));
        } finally {
            ProbeProgram.deleteRecursively(storage);
        }
    }

    private static String bundleOf(Object backend) {
        return backend == null ? "none" : FrameworkUtil.getBundle(backend.getClass()).getSymbolicName();
    }
}
