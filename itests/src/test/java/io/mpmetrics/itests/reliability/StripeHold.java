package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.heap.Region;
import io.mpmetrics.metrics.MetricDefinition;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.metrics.internal.ObservationStripes;
import io.mpmetrics.metrics.internal.Record;
import io.mpmetrics.metrics.internal.SeriesHeader;
import io.mpmetrics.spi.Int32Word;

import java.util.ArrayList;
import java.util.List;

/**
 * What a writer killed inside an observation leaves, made on purpose: stripe 0 of a histogram's
 * or summary's series taken exactly as {@code ObservationStripes.observe} takes it (a
 * compare-and-set of the stripe word from free to held by this process's slot and generation),
 * then the first {@code steps} of the writer's steps in the documented order (1 pending sum,
 * 2 bucket, 3 sum, 4 mark), and never freed.
 */
final class StripeHold {
    private StripeHold() {
    }

    /** Holds stripe 0 of the series of {@code metric} with {@code labels}; returns this process's slot. */
    static int hold(Heap heap, MetricsRegistry registry, String metric, List<String> labels, int steps, double value,
                    int bucket) {
        List<MetricDefinition> defs = registry.definitions();
        long id = -1;
        for (int i = 0; i < defs.size(); i++) {
            if (defs.get(i).name().equals(metric)) {
                id = i;
            }
        }
        long metricId = id;
        List<long[]> found = new ArrayList<>();
        Directory.openExisting(heap).catchUp((kind, payload) -> {
            if (kind == 2) {
                Record r = Record.decode(payload, 4);
                if (r.longAt(0) == metricId && r.stringsAt(1).equals(labels)) {
                    found.add(new long[] {r.longAt(2), r.longAt(3)});
                }
            }
        });
        if (found.size() != 1) {
            throw new IllegalStateException("no series " + metric + labels + " in " + heap.path());
        }
        Region mem = heap.block(found.get(0)[0], found.get(0)[1]).deref();
        int b = SeriesHeader.CELLS_OFFSET;
        Int32Word seq = heap.backend().newInt32Word(mem, b + ObservationStripes.SEQ);
        int slot = heap.liveness().currentSlot();
        int generation = HeapHeader.generationOf(heap.liveness().currentToken());
        while (true) {
            int free = seq.getVolatile();
            if ((free & ObservationStripes.HELD) == 0
                    && seq.compareAndSet(free, ObservationStripes.heldWord(free, slot, generation))) {
                break;
            }
            Thread.onSpinWait(); // another thread of this process is observing: it frees it in nanoseconds
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
        return slot;
    }
}
