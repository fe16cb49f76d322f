package io.mpmetrics.itests.metrics;

import io.mpmetrics.itests.support.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link MetricsChild} JVMs of one test, killed on close if still running. */
final class Children implements AutoCloseable {
    private final List<ChildJvm> all = new ArrayList<>();

    /** Starts {@code MetricsChild mode file backend args...}. */
    ChildJvm start(String mode, Path file, String backend, String... args) throws IOException {
        return start(ChildJvm.builder(MetricsChild.class), mode, file, backend, args);
    }

    ChildJvm start(ChildJvm.Builder builder, String mode, Path file, String backend, String... args)
            throws IOException {
        List<String> full = new ArrayList<>(List.of(mode, file.toString(), backend));
        full.addAll(List.of(args));
        ChildJvm child = builder.args(full.toArray(new String[0])).start();
        all.add(child);
        return child;
    }

    /**
     * Starts one child per entry of {@code backends} in {@code mode}, waits until all are
     * READY and tells them to GO together.
     */
    List<ChildJvm> startTogether(String mode, Path file, List<String> backends, String... args)
            throws IOException, InterruptedException {
        List<ChildJvm> group = new ArrayList<>();
        for (String backend : backends) {
            group.add(start(mode, file, backend, args));
        }
        for (ChildJvm child : group) {
            child.awaitLine("READY", 60, TimeUnit.SECONDS);
        }
        for (ChildJvm child : group) {
            child.send("GO");
        }
        return group;
    }

    static boolean anyAlive(List<ChildJvm> group) {
        return group.stream().anyMatch(c -> c.process().isAlive());
    }

    static void awaitAll(List<ChildJvm> group) throws InterruptedException {
        for (ChildJvm child : group) {
            child.awaitSuccess(120, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ChildJvm child : all) {
            child.close();
        }
    }
}
