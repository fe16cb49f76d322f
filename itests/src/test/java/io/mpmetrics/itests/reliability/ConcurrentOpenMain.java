package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.MetricsRegistry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The child side of the "8 processes create one new file at once" test:
 * {@code ConcurrentOpenMain PATH heap|registry ADDS}. Prints {@code READY}, waits for {@code GO}
 * so that all children race, opens (creating) the file either through
 * {@link Heap#openOrCreate(Path)} or {@link MetricsRegistry#openOrCreate(Path)}, registers the shared
 * counter, adds {@code ADDS} to it and prints {@code TOKEN <process token>} and {@code DONE}.
 */
public final class ConcurrentOpenMain {
    private ConcurrentOpenMain() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Paths.get(args[0]);
        long adds = Long.parseLong(args[2]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        if (!"GO".equals(in.readLine())) {
            throw new IllegalStateException("expected GO");
        }
        Heap heap = args[1].equals("heap") ? Heap.openOrCreate(path) : null;
        try (MetricsRegistry registry = heap != null ? MetricsRegistry.of(heap) : MetricsRegistry.openOrCreate(path)) {
            Counter hits = Counter.builder().name("hits").help("Adds from every racer").register(registry);
            for (long i = 0; i < adds; i++) {
                hits.inc();
            }
            System.out.println("TOKEN " + registry.heap().liveness().currentToken());
            // Stay attached until every racer is done, so that no slot is reused within a round.
            System.out.println("ADDED");
            System.out.flush();
            in.readLine();
        } finally {
            if (heap != null) {
                heap.close();
            }
        }
        System.out.println("DONE");
        System.out.flush();
    }
}
