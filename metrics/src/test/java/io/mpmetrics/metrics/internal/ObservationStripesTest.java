package io.mpmetrics.metrics.internal;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.Int32Word;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observation stripes with a writer of another process that stops inside a stripe, simulated
 * deterministically by doing the first steps of {@link ObservationStripes#observe} by hand at
 * the documented offsets. Private memory reports every process slot as in use, so this is the
 * "alive but stopped" case: readers wait at most {@link ObservationStripes#STUCK_NANOS} for the
 * stripe, then repair it to a consistent state; later reads do not wait; other writers never
 * wait for it. (A holder whose process is gone is repaired at once: see the multi-process
 * DeadWriterTest.)
 */
class ObservationStripesTest {
    private static final int BUCKETS = 3;
    private static final int STRIPES = 2;
    private static final long BOUND = ObservationStripes.STUCK_NANOS + TimeUnit.SECONDS.toNanos(1);
    /** The slot of the simulated other process (private memory reports every slot as in use). */
    private static final int OTHER_SLOT = 7;

    /** The cell under test and a hand-driven writer over the same memory. */
    private static final class Fixture {
        final Backend backend;
        final Region mem;
        final ObservationStripes cell;

        Fixture(String backendName) {
            backend = Backends.named(backendName);
            mem = Region.allocate(ObservationStripes.size(STRIPES, BUCKETS));
            cell = new ObservationStripes(mem, 0, backend, STRIPES, BUCKETS);
        }

        int base(int stripe) {
            return stripe * ObservationStripes.stride(BUCKETS);
        }

        Int32Word seq(int stripe) {
            return backend.newInt32Word(mem, base(stripe) + ObservationStripes.SEQ);
        }

        /**
         * A writer's first steps, as another (live but stopped) process in slot {@link #OTHER_SLOT}:
         * takes {@code stripe} (free to held) and counts {@code bucket}; returns the free value it saw.
         */
        int enterAndCountBucket(int stripe, int bucket) {
            Int32Word seq = seq(stripe);
            int v = seq.getVolatile();
            assertThat(v & ObservationStripes.HELD).as("stripe %d is free", stripe).isZero();
            assertThat(seq.compareAndSet(v, held(v))).isTrue();
            int at = base(stripe) + ObservationStripes.BUCKETS + 8 * bucket;
            mem.putLong(at, mem.getLong(at) + 1);
            return v;
        }

        /** The writer's remaining steps: sum, count, and release if it still holds the stripe. */
        void finish(int stripe, int v, double value) {
            int b = base(stripe);
            mem.putDouble(b + ObservationStripes.SUM, mem.getDouble(b + ObservationStripes.SUM) + value);
            mem.putLong(b + ObservationStripes.COUNT, mem.getLong(b + ObservationStripes.COUNT) + 1);
            if (seq(stripe).getVolatile() == held(v)) {
                seq(stripe).setRelease(v + ObservationStripes.VERSION_UNIT);
            }
        }

        static int held(int free) {
            return free | OTHER_SLOT << ObservationStripes.SLOT_SHIFT | ObservationStripes.HELD;
        }

        /** {buckets..., count, sum} of one read, and how long it took. */
        Read read() {
            long[] buckets = new long[BUCKETS];
            long t0 = System.nanoTime();
            long[] r = cell.read(buckets);
            return new Read(buckets, r[0], Double.longBitsToDouble(r[1]), System.nanoTime() - t0);
        }
    }

    private record Read(long[] buckets, long count, double sum, long nanos) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "unsafe", "locking"})
    void aWriterThatDiesInsideAStripeCostsOneBoundedWait(String backend) {
        Fixture f = new Fixture(backend);
        f.cell.observe(1, 0);
        f.cell.observe(2, 1);
        // Dies inside stripe 0 after counting its bucket, before sum and count.
        f.enterAndCountBucket(0, 2);

        // Other writers do not wait for it: they use another stripe.
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            f.cell.observe(1, 0);
        }
        assertThat(System.nanoTime() - t0).isLessThan(ObservationStripes.STUCK_NANOS / 2);

        Read r = f.read();
        assertThat(r.nanos()).isGreaterThanOrEqualTo(ObservationStripes.STUCK_NANOS).isLessThan(BOUND);
        // Repaired as documented: count == bucket total, the sum lacks the dead observation.
        assertThat(r.buckets()).containsExactly(101, 1, 1);
        assertThat(r.count()).isEqualTo(103);
        assertThat(r.sum()).isEqualTo(103.0);

        for (int i = 0; i < 3; i++) {
            Read again = f.read();
            assertThat(again.nanos()).isLessThan(ObservationStripes.STUCK_NANOS / 2);
            assertThat(again.buckets()).containsExactly(101, 1, 1);
            assertThat(again.count()).isEqualTo(103);
        }
        // The repaired stripe takes writers again and counts exactly.
        for (int i = 0; i < 10; i++) {
            f.cell.observe(4, 2);
        }
        Read after = f.read();
        assertThat(after.buckets()).containsExactly(101, 1, 11);
        assertThat(after.count()).isEqualTo(113);
        assertThat(after.sum()).isEqualTo(143.0);
        assertThat(f.seq(0).getVolatile() & ObservationStripes.HELD).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void whenEveryStripeHasADeadWriterAWriterRepairsThemWithinTheBound(String backend) {
        Fixture f = new Fixture(backend);
        for (int s = 0; s < STRIPES; s++) {
            f.enterAndCountBucket(s, 1);
        }
        long t0 = System.nanoTime();
        f.cell.observe(1, 0);
        long waited = System.nanoTime() - t0;
        assertThat(waited).isGreaterThanOrEqualTo(ObservationStripes.STUCK_NANOS).isLessThan(BOUND);
        Read r = f.read();
        assertThat(r.nanos()).isLessThan(ObservationStripes.STUCK_NANOS / 2);
        assertThat(r.buckets()).containsExactly(1, 2, 0);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.sum()).isEqualTo(1.0);
    }

    /**
     * A writer that was only stalled (a GC pause, SIGSTOP, an overloaded host) past the bound
     * is repaired as if dead, then resumes and finishes its plain updates: scrapes must still
     * have count == bucket total.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void aStalledWriterThatResumesAfterARepairLeavesCountEqualToTheBucketTotal(String backend) {
        Fixture f = new Fixture(backend);
        f.cell.observe(1, 0);
        int v = f.enterAndCountBucket(0, 2);
        Read repaired = f.read();
        assertThat(repaired.nanos()).isGreaterThanOrEqualTo(ObservationStripes.STUCK_NANOS);
        assertThat(repaired.count()).isEqualTo(2);
        f.finish(0, v, 4);
        for (int i = 0; i < 5; i++) {
            f.cell.observe(2, 1);
        }
        Read r = f.read();
        assertThat(r.buckets()).containsExactly(1, 5, 1);
        assertThat(r.count()).as("count == bucket total").isEqualTo(7);
        assertThat(r.sum()).isEqualTo(15.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void aReaderWaitsForAWriterInsideAndSeesAllOfIt(String backend) throws Exception {
        Fixture f = new Fixture(backend);
        f.cell.observe(1, 0);
        int v = f.enterAndCountBucket(1, 1);
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            f.finish(1, v, 2);
        });
        finisher.start();
        Read r = f.read();
        finisher.join();
        assertThat(r.nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150)).isLessThan(BOUND);
        assertThat(r.buckets()).containsExactly(1, 1, 0);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.sum()).isEqualTo(3.0);
    }
}
