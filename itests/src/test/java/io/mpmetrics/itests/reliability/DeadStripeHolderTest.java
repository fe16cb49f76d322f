package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.Summary;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer that died holding a histogram stripe, and a process that later gets the same process
 * slot (slots are reused lowest first: the next process to attach after a crash gets the dead
 * one's): its scrapes and observations must not wait for "its own" stripe forever.
 *
 * <p>Found by the corrupt-file fuzz (a stripe word damaged to {@code 1}: held by slot 0, the
 * fuzzer's own slot) and reproduced here without any damage, as a crash leaves it.
 */
class DeadStripeHolderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void theNextOwnerOfADeadWritersSlotScrapesAndObserves(String backend) throws Exception {
        for (String stripes : List.of("4", "1")) {
            Path file = dir.resolve(backend + "-" + stripes + ".mpm");
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
            // The holder is the only process attached: it gets slot 0, dies holding stripe 0 of h.
            try (ChildJvm holder = ChildJvm.builder(StripeHolderMain.class).args(file.toString(), backend).start()) {
                assertThat(holder.awaitLine("HELD", 60, TimeUnit.SECONDS)).isEqualTo("HELD 0");
                holder.awaitSuccess(30, TimeUnit.SECONDS);
            }
            // The next process gets slot 0 again: it must scrape (and observe) in bounded time.
            try (ChildJvm reader = ChildJvm.builder(DumpMain.class).args(file.toString(), backend).start()) {
                reader.awaitLine("DONE", 10, TimeUnit.SECONDS);
                reader.awaitSuccess(10, TimeUnit.SECONDS);
                assertThat(reader.stdout()).contains("S h [] histogram 2 2.0 [1, 1, 0]", "S s [] summary 1 3.0");
            }
            try (ChildJvm writer = ChildJvm.builder(ObserveMain.class).args(file.toString(), backend).start()) {
                writer.awaitLine("OBSERVED", 10, TimeUnit.SECONDS);
                writer.awaitSuccess(10, TimeUnit.SECONDS);
                assertThat(writer.stdout()).contains("SLOT 0", "S h [] histogram 3 4.5 [1, 1, 1]");
            }
        }
    }
}
