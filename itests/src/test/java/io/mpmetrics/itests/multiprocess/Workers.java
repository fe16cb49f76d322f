package io.mpmetrics.itests.multiprocess;

import io.mpmetrics.heap.Block;
import io.mpmetrics.itests.support.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts groups of {@link Worker} child JVMs that begin work together. */
final class Workers implements AutoCloseable {
    private final List<ChildJvm> children = new ArrayList<>();

    /** Starts one worker in {@code mode} on {@code block} and waits for it to print {@code expect}. */
    ChildJvm start(String mode, Path file, String backend, Block block, String extra, String expect)
            throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.builder(Worker.class)
                .args(mode, file.toString(), backend, Long.toString(block.start()), Long.toString(block.size()), extra)
                .start();
        children.add(child);
        if (expect != null) {
            child.awaitLine(expect, 30, TimeUnit.SECONDS);
        }
        return child;
    }

    /** Starts {@code n} workers, waits until all are READY, then tells them all to GO. */
    List<ChildJvm> startTogether(int n, String mode, Path file, String backend, Block block, long count)
            throws IOException, InterruptedException {
        List<ChildJvm> group = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            group.add(start(mode, file, backend, block, Long.toString(count), null));
        }
        for (ChildJvm child : group) {
            child.awaitLine("READY", 30, TimeUnit.SECONDS);
        }
        for (ChildJvm child : group) {
            child.send("GO");
        }
        return group;
    }

    static void awaitAll(List<ChildJvm> group, long seconds) throws InterruptedException {
        for (ChildJvm child : group) {
            child.awaitSuccess(seconds, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
    }
}
