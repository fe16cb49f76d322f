package io.mpmetrics.metrics.internal;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.LayoutFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot/cold cell with a writer that stops in the middle of an observation, simulated
 * deterministically by doing the first steps of {@link HotColdCell#observe} by hand at the
 * documented offsets: the collector waits at most {@link HotColdCell#MAX_WAIT_NANOS}, reports a
 * consistent count, does not wait again, and the cell keeps counting exactly.
 */
class HotColdCellTest {
    private static final int BUCKETS = 3;

    /** A writer's view of the cell's memory, to do part of an observation by hand. */
    private static final class Writer {
        final AtomicUInt64 countAndHot;
        final Backend backend;
        final Region mem;
        final LayoutFamily family;

        Writer(Region mem, Backend backend) {
            this.mem = mem;
            this.backend = backend;
            this.family = backend.layoutFamily();
            this.countAndHot = backend.newAtomicUInt64(mem, 0);
        }

        int setOffset(int set) {
            int a = HotColdCell.atomicSize(family);
            return io.mpmetrics.util.Bits.align(a, SeriesHeader.CACHE_LINE) + set * HotColdCell.setStride(family, BUCKETS);
        }

        /** Step 1 of observe: returns the hot set the writer chose. */
        int start() {
            return (int) (countAndHot.add(1, false) >>> 63);
        }

        /** Step 2: the bucket. */
        void bucket(int set, int bucket) {
            int a = HotColdCell.atomicSize(family);
            backend.newAtomicUInt64(mem, setOffset(set) + (2 + bucket) * a).add(1, false);
        }

        /** Steps 3 and 4: sum and completed count. */
        void finish(int set, double value) {
            int a = HotColdCell.atomicSize(family);
            AtomicDouble sum = backend.newAtomicDouble(mem, setOffset(set) + a);
            sum.add(value);
            backend.newAtomicUInt64(mem, setOffset(set)).add(1, false);
        }
    }

    private static double sum(long[] result) {
        return Double.longBitsToDouble(result[1]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "unsafe", "locking"})
    void aWriterThatDiesMidObservationCostsOneBoundedWait(String name) {
        Backend backend = Backends.named(name);
        Region mem = Region.allocate(HotColdCell.size(backend.layoutFamily(), BUCKETS));
        HotColdCell cell = new HotColdCell(mem, 0, backend, BUCKETS);
        Writer dead = new Writer(mem, backend);
        cell.observe(1, 0);
        cell.observe(2, 1);
        long[] buckets = new long[BUCKETS];
        long[] r = cell.collect(buckets);
        assertThat(r[0]).isEqualTo(2);

        cell.observe(2, 1);
        // Dies after counting itself as started and adding its bucket, before sum and count.
        int set = dead.start();
        dead.bucket(set, 2);

        long t0 = System.nanoTime();
        r = cell.collect(buckets);
        long waited = System.nanoTime() - t0;
        assertThat(waited).isGreaterThanOrEqualTo(HotColdCell.MAX_WAIT_NANOS)
                .isLessThan(HotColdCell.MAX_WAIT_NANOS + TimeUnit.SECONDS.toNanos(1));
        // Reported as it is: count == bucket total, the sum lacks the dead observation's value.
        assertThat(buckets).containsExactly(1, 2, 1);
        assertThat(r[0]).isEqualTo(4);
        assertThat(sum(r)).isEqualTo(5.0);

        // Later scrapes do not wait again and report the same.
        for (int i = 0; i < 3; i++) {
            t0 = System.nanoTime();
            r = cell.collect(buckets);
            assertThat(System.nanoTime() - t0).isLessThan(HotColdCell.MAX_WAIT_NANOS / 2);
            assertThat(buckets).containsExactly(1, 2, 1);
            assertThat(r[0]).isEqualTo(4);
            assertThat(sum(r)).isEqualTo(5.0);
        }
        // And observations after it are counted exactly.
        cell.observe(1, 0);
        cell.observe(7, 2);
        r = cell.collect(buckets);
        assertThat(buckets).containsExactly(2, 2, 2);
        assertThat(r[0]).isEqualTo(6);
        assertThat(sum(r)).isEqualTo(13.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void aScrapeWaitsForAnObservationInFlight(String name) throws Exception {
        Backend backend = Backends.named(name);
        Region mem = Region.allocate(HotColdCell.size(backend.layoutFamily(), BUCKETS));
        HotColdCell cell = new HotColdCell(mem, 0, backend, BUCKETS);
        Writer slow = new Writer(mem, backend);
        cell.observe(1, 0);
        int set = slow.start();
        slow.bucket(set, 1);
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            slow.finish(set, 2);
        });
        finisher.start();
        long[] buckets = new long[BUCKETS];
        long t0 = System.nanoTime();
        long[] r = cell.collect(buckets);
        long waited = System.nanoTime() - t0;
        finisher.join();
        // The scrape waited for the observation and has all of it.
        assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(buckets).containsExactly(1, 1, 0);
        assertThat(r[0]).isEqualTo(2);
        assertThat(sum(r)).isEqualTo(3.0);
    }
}
