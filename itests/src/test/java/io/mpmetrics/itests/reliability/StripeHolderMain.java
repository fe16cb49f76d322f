package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.metrics.internal.Record;
import io.mpmetrics.metrics.internal.SeriesHeader;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.Int32Word;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A writer that dies right after taking a stripe of a histogram or summary, deterministically:
 * {@code StripeHolderMain FILE BACKEND}. It attaches, finds the first series in the directory,
 * takes its stripe 0 exactly as an observing writer does (a compare-and-set of the stripe's
 * sequence word from free to held by this process's slot), prints {@code HELD <slot>} and halts
 * without freeing it: what a SIGKILL between the two steps of an observation leaves behind.
 */
public final class StripeHolderMain {
    /** The stripe word layout of ObservationStripes: bit 0 held, bits 1-12 the holder's slot. */
    static final int HELD = 1;
    static final int SLOT_SHIFT = 1;

    private StripeHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Backend backend = Backends.named(args[1]);
        Heap heap = Heap.openExisting(Paths.get(args[0]), backend);
        List<long[]> series = new ArrayList<>();
        Directory.openExisting(heap).catchUp((kind, payload) -> {
            if (kind == 2) {
                Record r = Record.decode(payload, 4);
                series.add(new long[] {r.longAt(2), r.longAt(3)});
            }
        });
        long[] first = series.get(0);
        Int32Word seq = backend.newInt32Word(heap.block(first[0], first[1]).deref(), SeriesHeader.CELLS_OFFSET);
        int slot = heap.liveness().currentSlot();
        int free = seq.getVolatile();
        if ((free & HELD) != 0 || !seq.compareAndSet(free, free | slot << SLOT_SHIFT | HELD)) {
            throw new IllegalStateException("stripe 0 is not free: " + free);
        }
        System.out.println("HELD " + slot);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
