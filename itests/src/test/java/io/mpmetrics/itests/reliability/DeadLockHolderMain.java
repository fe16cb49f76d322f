package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.metrics.internal.ExemplarSlot;
import io.mpmetrics.metrics.internal.Record;
import io.mpmetrics.metrics.internal.SeriesHeader;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The locks of a file held by a process that dies, and the next process that gets its slot:
 * {@code DeadLockHolderMain FILE BACKEND hold|take}. The file's first series must be a counter
 * with an exemplar. {@code hold} takes the directory lock, the heap lock and the lock of the
 * counter's exemplar slot, prints {@code HELD <slot>} and halts. {@code take} prints
 * {@code SLOT <slot>}, scrapes and prints {@code EXEMPLAR <label pairs>} (the scrape gives up
 * on an exemplar slot it cannot lock within 100 ms: {@code EXEMPLAR null}), then for each lock
 * {@code TOOK <name> <got> <previousOwnerDied>} from a {@code tryAcquire()} that never waits
 * (the exemplar's lock was taken over by the scrape already), then {@code DONE}.
 */
public final class DeadLockHolderMain {
    private DeadLockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Backend backend = Backends.named(args[1]);
        Heap heap = Heap.openExisting(Paths.get(args[0]), backend);
        Map<String, SharedLock> locks = locks(heap, backend);
        if (args[2].equals("hold")) {
            for (SharedLock lock : locks.values()) {
                lock.acquire();
            }
            System.out.println("HELD " + heap.liveness().currentSlot());
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        System.out.println("SLOT " + heap.liveness().currentSlot());
        // The scrape first: it must read the exemplar although a dead process holds its slot's lock.
        for (MetricSnapshot m : MetricsRegistry.of(heap).collect()) {
            for (DataPoint p : m.dataPoints()) {
                if (p instanceof DataPoint.CounterPoint c) {
                    System.out.println("EXEMPLAR " + (c.exemplar() == null ? null : c.exemplar().labelPairs()));
                }
            }
        }
        for (Map.Entry<String, SharedLock> e : locks.entrySet()) {
            SharedLock lock = e.getValue();
            boolean got = lock.tryAcquire();
            System.out.println("TOOK " + e.getKey() + " " + got + " " + (got && lock.previousOwnerDied()));
            if (got) {
                lock.release();
            }
        }
        heap.close();
        System.out.println("DONE");
        System.out.flush();
    }

    private static Map<String, SharedLock> locks(Heap heap, Backend backend) {
        List<long[]> series = new ArrayList<>();
        Directory directory = Directory.openExisting(heap);
        directory.catchUp((kind, payload) -> {
            if (kind == 2) {
                Record r = Record.decode(payload, 4);
                series.add(new long[] {r.longAt(2), r.longAt(3)});
            }
        });
        Region counter = heap.block(series.get(0)[0], series.get(0)[1]).deref();
        long exemplars = counter.getLong(SeriesHeader.EXEMPLAR_BLOCK_OFFSET);
        Region slot = heap.block(exemplars, ExemplarSlot.SIZE).deref();
        Map<String, SharedLock> locks = new LinkedHashMap<>();
        locks.put("dir", directory.lock());
        locks.put("heap", heap.lock());
        locks.put("exemplar", backend.newLock(slot, 0));
        return locks;
    }
}
