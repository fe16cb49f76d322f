package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backends;

import java.nio.file.Paths;

/**
 * {@code ObserveMain FILE BACKEND}: observes 2.5 in the histogram {@code h} (buckets 1, 2) of
 * the file, prints {@code SLOT <slot>}, {@code OBSERVED} and the file's series as {@link DumpMain}.
 */
public final class ObserveMain {
    private ObserveMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Heap heap = Heap.openExisting(Paths.get(args[0]), Backends.named(args[1]))) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            System.out.println("SLOT " + heap.liveness().currentSlot());
            Histogram.builder().name("h").help("h").buckets(1, 2).register(registry).observe(2.5);
            System.out.println("OBSERVED");
            DumpMain.lines(registry.collect()).forEach(System.out::println);
        }
        System.out.flush();
    }
}
