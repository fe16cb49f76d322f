package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.Summary;
import io.mpmetrics.metrics.internal.ObservationStripes;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer that died inside an observation of a histogram, and a process that later gets the
 * same process slot (slots are reused lowest first: the next process to attach after a crash
 * gets the dead one's): its scrapes and observations must not wait for "its own" stripe, and
 * the dead writer's observation counts with its value or not at all.
 *
 * <p>Found by the corrupt-file fuzz (a stripe word damaged to {@code 1}: held by slot 0, the
 * fuzzer's own slot) and reproduced here without any damage, as a crash leaves it. The next
 * processes run with the stuck-holder rule set to an hour ({@value #NO_STUCK_RULE}): only the
 * slot generation recorded in the stripe tells them that the holder is gone (issue #10).
 */
@Timeout(600)
class DeadStripeHolderTest {
    static final String NO_STUCK_RULE = "-D" + ObservationStripes.STUCK_PROPERTY + "=3600000";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void theNextOwnerOfADeadWritersSlotScrapesAndObservesAtOnce(String backend) throws Exception {
        // {stripes, steps the dying writer made: 0 = took the stripe only, 2 = counted its bucket}
        String[][] cases = {{"4", "0"}, {"4", "2"}, {"1", "2"}};
        for (String[] c : cases) {
            String stripes = c[0];
            int steps = Integer.parseInt(c[1]);
            Path file = dir.resolve(backend + "-" + stripes + "-" + steps + ".mpm");
            System.setProperty("mpmetrics.stripes", stripes);
            try (Heap heap = Heap.create(file, TestBackends.get(backend), Heap.DEFAULT_MAP_SIZE)) {
                MetricsRegistry registry = MetricsRegistry.of(heap);
                Histogram h = Histogram.builder().name("h").help("h").buckets(1, 2).register(registry);
                h.observe(0.5);
                h.observe(1.5);
                Summary.builder().name("s").help("s").register(registry).observe(3);
            } finally {
                System.clearProperty("mpmetrics.stripes");
            }
            // The holder is the only process attached: it gets slot 0 and dies inside an
            // observation of 2.5 (bucket 2) in stripe 0 of h.
            try (ChildJvm holder = ChildJvm.builder(StripeHolderMain.class)
                    .args(file.toString(), backend, Integer.toString(steps), "2.5", "2").start()) {
                assertThat(holder.awaitLine("HELD", 60, TimeUnit.SECONDS)).isEqualTo("HELD 0");
                holder.awaitSuccess(30, TimeUnit.SECONDS);
            }
            boolean counted = steps >= 2;
            String histogram = counted ? "S h [] histogram 3 4.5 [1, 1, 1]" : "S h [] histogram 2 2.0 [1, 1, 0]";
            // The next process gets slot 0 again: it must scrape (and observe) without the stuck rule.
            try (ChildJvm reader = ChildJvm.builder(DumpMain.class).jvmOptions(NO_STUCK_RULE)
                    .args(file.toString(), backend).start()) {
                reader.awaitLine("DONE", 60, TimeUnit.SECONDS);
                reader.awaitSuccess(10, TimeUnit.SECONDS);
                assertThat(reader.stdout()).as("%s stripes, %d steps", stripes, steps)
                        .contains(histogram, "S s [] summary 1 3.0");
            }
            try (ChildJvm writer = ChildJvm.builder(ObserveMain.class).jvmOptions(NO_STUCK_RULE)
                    .args(file.toString(), backend).start()) {
                writer.awaitLine("OBSERVED", 60, TimeUnit.SECONDS);
                writer.awaitSuccess(10, TimeUnit.SECONDS);
                assertThat(writer.stdout()).contains("SLOT 0", counted ? "S h [] histogram 4 7.0 [1, 1, 2]"
                        : "S h [] histogram 3 4.5 [1, 1, 1]");
            }
        }
    }

    /**
     * Issue #10, item 8, for locks: the directory lock, the heap lock and an exemplar slot's lock
     * held by a process that died are taken at once by the next process, which has the dead
     * one's slot (a {@code tryAcquire()} that never waits gets each, and reports that the
     * previous owner died): a lock records the whole token, slot and generation.
     */
    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void locksOfADeadPredecessorInTheSameSlotAreTakenAtOnce(String backend) throws Exception {
        Path file = dir.resolve(backend + "-locks.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get(backend), Heap.DEFAULT_MAP_SIZE)) {
            Counter.builder().name("c").help("c").register(MetricsRegistry.of(heap)).incWithExemplar(2, "trace_id", "t1");
        }
        try (ChildJvm holder = ChildJvm.builder(DeadLockHolderMain.class).args(file.toString(), backend, "hold")
                .start()) {
            assertThat(holder.awaitLine("HELD", 60, TimeUnit.SECONDS)).isEqualTo("HELD 0");
            holder.awaitSuccess(30, TimeUnit.SECONDS);
        }
        try (ChildJvm taker = ChildJvm.builder(DeadLockHolderMain.class).args(file.toString(), backend, "take")
                .start()) {
            taker.awaitLine("DONE", 60, TimeUnit.SECONDS);
            taker.awaitSuccess(10, TimeUnit.SECONDS);
            assertThat(taker.stdout()).containsExactly("SLOT 0", "EXEMPLAR [trace_id, t1]", "TOOK dir true true",
                    "TOOK heap true true", "TOOK exemplar true false", "DONE");
        }
    }
}
