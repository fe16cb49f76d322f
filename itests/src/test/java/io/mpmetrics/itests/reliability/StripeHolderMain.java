package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.heap.Region;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.metrics.internal.ObservationStripes;
import io.mpmetrics.metrics.internal.Record;
import io.mpmetrics.metrics.internal.SeriesHeader;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.Int32Word;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A writer that dies inside an observation of a histogram or summary, deterministically:
 * {@code StripeHolderMain FILE BACKEND [STEPS VALUE BUCKET]}. It attaches, finds the first
 * series in the directory, takes its stripe 0 exactly as an observing writer does (a
 * compare-and-set of the stripe's sequence word from free to held by this process's slot and
 * generation), makes the first {@code STEPS} (0-4) of the writer's steps of an observation of
 * {@code VALUE} in bucket {@code BUCKET} in the documented order (pending sum, bucket, sum, mark),
 * prints {@code HELD <slot>} and halts without freeing it: what a SIGKILL at that point of an
 * observation leaves behind.
 */
public final class StripeHolderMain {
    private StripeHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Backend backend = Backends.named(args[1]);
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        double value = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        int bucket = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Heap heap = Heap.open(Paths.get(args[0]), backend);
        List<long[]> series = new ArrayList<>();
        Directory.openExisting(heap).catchUp((kind, payload) -> {
            if (kind == 2) {
                Record r = Record.decode(payload, 4);
                series.add(new long[] {r.longAt(2), r.longAt(3)});
            }
        });
        long[] first = series.get(0);
        Region mem = heap.block(first[0], first[1]).deref();
        int b = SeriesHeader.CELLS_OFFSET;
        Int32Word seq = backend.newInt32Word(mem, b + ObservationStripes.SEQ);
        int slot = heap.liveness().currentSlot();
        int generation = HeapHeader.generationOf(heap.liveness().currentToken());
        int free = seq.getVolatile();
        if ((free & ObservationStripes.HELD) != 0
                || !seq.compareAndSet(free, ObservationStripes.heldWord(free, slot, generation))) {
            throw new IllegalStateException("stripe 0 is not free: " + free);
        }
        double sum = mem.getDouble(b + ObservationStripes.SUM) + value;
        int at = b + ObservationStripes.BUCKETS + 8 * bucket;
        if (steps >= 1) {
            mem.putDouble(b + ObservationStripes.PENDING_SUM, sum);
        }
        if (steps >= 2) {
            mem.putLong(at, mem.getLong(at) + 1);
        }
        if (steps >= 3) {
            mem.putDouble(b + ObservationStripes.SUM, sum);
        }
        if (steps >= 4) {
            mem.putLong(b + ObservationStripes.MARK, mem.getLong(b + ObservationStripes.MARK) + 1);
        }
        System.out.println("HELD " + slot);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
