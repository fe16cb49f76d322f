package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backends;

import java.nio.file.Paths;
import java.util.List;

/**
 * A writer that dies inside an observation of a histogram or summary, deterministically:
 * {@code StripeHolderMain FILE BACKEND [STEPS VALUE BUCKET]}. It attaches, takes stripe 0 of the
 * unlabelled series of {@code h} and makes the first {@code STEPS} (0-4) steps of an observation
 * of {@code VALUE} in bucket {@code BUCKET} ({@link StripeHold}), prints {@code HELD <slot>} and
 * halts without freeing it: what a SIGKILL at that point of an observation leaves behind.
 */
public final class StripeHolderMain {
    private StripeHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        double value = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        int bucket = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Heap heap = Heap.openExisting(Paths.get(args[0]), Backends.named(args[1]));
        int slot = StripeHold.hold(heap, MetricsRegistry.of(heap), "h", List.of(), steps, value, bucket);
        System.out.println("HELD " + slot);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
