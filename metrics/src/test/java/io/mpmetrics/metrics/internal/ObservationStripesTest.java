package io.mpmetrics.metrics.internal;

import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.Int32Word;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observation stripes with writers of other processes (and of this one) that stop or die
 * inside a stripe, simulated deterministically by doing the steps of
 * {@link ObservationStripes#observe} by hand at the documented offsets, in the documented order.
 * The memory is private, so every process slot counts as in use; whether a holder is gone is
 * told by the slot generations the test hands in. Time is a test clock that moves
 * {@link #STEP} per look: nothing sleeps, and "waited" means "looked for that long on the clock".
 */
@Timeout(60)
class ObservationStripesTest {
    private static final int BUCKETS = 3;
    private static final int STRIPES = 2;
    /** The clock moves this much every time the code under test reads it. */
    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(10);
    /** Another process, alive: slot 7 at generation 3. */
    private static final int OTHER_SLOT = 7;
    private static final int OTHER_GENERATION = 3;

    /** A clock that moves {@link #STEP} at each read, and counts the reads. */
    private static final class SteppingClock implements LongSupplier {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final AtomicInteger reads = new AtomicInteger();
        volatile Runnable onRead;

        @Override
        public long getAsLong() {
            reads.incrementAndGet();
            Runnable r = onRead;
            if (r != null) {
                r.run();
            }
            return now.addAndGet(STEP);
        }

        long elapsedSince(long start) {
            return now.get() - start;
        }
    }

    /** The stripes under test and a hand-driven writer over the same memory. */
    private static final class Fixture {
        final Backend backend;
        final Region mem;
        final SteppingClock clock = new SteppingClock();
        final ObservationStripes cell;
        final int buckets;

        Fixture(String backendName, int buckets) {
            this(backendName, buckets, null);
        }

        /** With {@code wrap} around the stripe words the stripes use (null: none). */
        Fixture(String backendName, int buckets, UnaryOperator<Int32Word> wrap) {
            this.buckets = buckets;
            backend = Backends.named(backendName);
            mem = Region.allocate(ObservationStripes.size(STRIPES, buckets));
            UnaryOperator<Int32Word> w = wrap != null ? wrap : UnaryOperator.identity();
            cell = new ObservationStripes(mem, 0, at -> w.apply(backend.newInt32Word(mem, at)), STRIPES, buckets,
                    slot -> slot == OTHER_SLOT ? OTHER_GENERATION : 0, clock);
        }

        int base(int stripe) {
            return stripe * ObservationStripes.stride(buckets);
        }

        Int32Word seq(int stripe) {
            return backend.newInt32Word(mem, base(stripe) + ObservationStripes.SEQ);
        }

        /**
         * A writer in {@code slot} at {@code generation} that observes {@code value} in
         * {@code bucket} of {@code stripe}: it takes the stripe (step 0) and makes
         * {@code steps} more of its steps (1 pending sum, 2 bucket, 3 sum, 4 mark, 5 free).
         */
        HandWriter write(int stripe, int slot, int generation, int bucket, double value, int steps) {
            HandWriter w = new HandWriter(this, stripe, slot, generation, bucket, value);
            w.advance(steps);
            return w;
        }
    }

    /** A writer driven step by step, as {@link ObservationStripes#observe} does them. */
    private static final class HandWriter {
        final Fixture f;
        final int stripe;
        final int slot;
        final int generation;
        final int bucket;
        final double value;
        final int free;
        double sum;
        int done;

        HandWriter(Fixture f, int stripe, int slot, int generation, int bucket, double value) {
            this.f = f;
            this.stripe = stripe;
            this.slot = slot;
            this.generation = generation;
            this.bucket = bucket;
            this.value = value;
            Int32Word seq = f.seq(stripe);
            free = seq.getVolatile();
            assertThat(free & ObservationStripes.HELD).as("stripe %d is free", stripe).isZero();
            assertThat(seq.compareAndSet(free, held())).isTrue();
        }

        int held() {
            return ObservationStripes.heldWord(free, slot, generation);
        }

        /** Makes steps {@code done + 1 .. to}. */
        void advance(int to) {
            int b = f.base(stripe);
            int at = b + ObservationStripes.BUCKETS + 8 * bucket;
            Region mem = f.mem;
            for (int step = done + 1; step <= to; step++) {
                switch (step) {
                    case 1:
                        sum = mem.getDouble(b + ObservationStripes.SUM) + value;
                        mem.putDouble(b + ObservationStripes.PENDING_SUM, sum);
                        break;
                    case 2:
                        mem.putLong(at, mem.getLong(at) + 1);
                        break;
                    case 3:
                        mem.putDouble(b + ObservationStripes.SUM, sum);
                        break;
                    case 4:
                        mem.putLong(b + ObservationStripes.MARK, mem.getLong(b + ObservationStripes.MARK) + 1);
                        break;
                    case 5:
                        f.seq(stripe).compareAndSet(held(), free + ObservationStripes.VERSION_UNIT);
                        break;
                    default:
                        throw new IllegalArgumentException("step " + step);
                }
            }
            done = Math.max(done, to);
        }
    }

    /** The fixture's read, with what it cost on the clock. */
    private static final class Reads {
        private Reads() {
        }

        static Read of(Fixture f) {
            long[] out = new long[f.buckets];
            int reads = f.clock.reads.get();
            long start = f.clock.now.get();
            long[] r = f.cell.read(out);
            return new Read(out, r[0], Double.longBitsToDouble(r[1]), f.clock.elapsedSince(start),
                    f.clock.reads.get() - reads);
        }
    }

    /** One read: buckets, count, sum; how far the clock moved and how often it was read. */
    private record Read(long[] buckets, long count, double sum, long waited, int clockReads) {
    }

    /**
     * Issue #10, items 7 and 8: a writer killed at any step of an observation, in the slot of
     * another process or in an older generation of this process's own slot (the usual case: the
     * next process gets a dead writer's slot), is repaired at the first look, without waiting,
     * and its observation counts with its value or not at all: the sum is always that of the
     * observations counted.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "unsafe", "locking"})
    void aDeadWritersObservationCountsWithItsValueOrNotAtAllAndNobodyWaits(String backend) {
        int[][] deadHolders = {{OTHER_SLOT, OTHER_GENERATION - 1}, {0, 1}, {0, 15}};
        for (int buckets : new int[] {BUCKETS, 0}) {
            for (int[] dead : deadHolders) {
                for (int steps = 0; steps <= 4; steps++) {
                    String what = "buckets " + buckets + ", dead slot " + dead[0] + " generation " + dead[1]
                            + ", killed after step " + steps;
                    Fixture f = new Fixture(backend, buckets);
                    f.cell.observe(1, 0);
                    f.cell.observe(2, buckets > 0 ? 1 : 0);
                    for (int s = 0; s < STRIPES; s++) {
                        f.write(s, dead[0], dead[1], buckets > 0 ? 2 : 0, 4, steps);
                    }
                    boolean counted = steps >= 2;
                    Read r = Reads.of(f);
                    assertThat(r.clockReads()).as("%s: no waiting", what).isZero();
                    long expectedCount = 2 + (counted ? STRIPES : 0);
                    assertThat(r.count()).as(what).isEqualTo(expectedCount);
                    assertThat(r.sum()).as("%s: the sum of the observations counted", what)
                            .isEqualTo(3.0 + (counted ? 4.0 * STRIPES : 0));
                    if (buckets > 0) {
                        assertThat(r.buckets()).as(what).containsExactly(1, 1, counted ? STRIPES : 0);
                    }
                    // Repaired and free: writers count exactly again, nobody waits.
                    f.cell.observe(8, 0);
                    Read after = Reads.of(f);
                    assertThat(after.clockReads()).as(what).isZero();
                    assertThat(after.count()).as(what).isEqualTo(expectedCount + 1);
                    assertThat(after.sum()).as(what).isEqualTo(r.sum() + 8);
                    for (int s = 0; s < STRIPES; s++) {
                        assertThat(f.seq(s).getVolatile() & ObservationStripes.HELD).as(what).isZero();
                    }
                }
            }
        }
    }

    /** Item 8 on the writer side: with every stripe held by dead writers, an observation does not wait either. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void whenEveryStripeHasADeadHolderAWriterRepairsThemWithoutWaiting(String backend) {
        Fixture f = new Fixture(backend, BUCKETS);
        f.write(0, 0, 9, 1, 2, 2);
        f.write(1, OTHER_SLOT, OTHER_GENERATION + 1, 1, 2, 4);
        long start = f.clock.now.get();
        f.cell.observe(1, 0);
        assertThat(f.clock.elapsedSince(start)).isLessThan(ObservationStripes.STUCK_NANOS / 10);
        Read r = Reads.of(f);
        assertThat(r.buckets()).containsExactly(1, 2, 0);
        assertThat(r.sum()).isEqualTo(5.0);
    }

    /**
     * A holder that is alive (another process's current generation, or this process's own slot
     * and generation: a thread of ours) but does not move is taken over after
     * {@link ObservationStripes#STUCK_NANOS} on the clock, and no sooner; its observation is
     * completed consistently.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "unsafe", "locking"})
    void aStoppedLiveHolderIsTakenOverAfterTheBound(String backend) {
        for (int[] live : new int[][] {{OTHER_SLOT, OTHER_GENERATION}, {0, 0}}) {
            Fixture f = new Fixture(backend, BUCKETS);
            f.cell.observe(1, 0);
            f.write(0, live[0], live[1], 2, 4, 2);
            // Other writers do not wait for it: they use the other stripe.
            for (int i = 0; i < 100; i++) {
                f.cell.observe(1, 0);
            }
            assertThat(f.clock.reads.get()).isZero();
            Read r = Reads.of(f);
            assertThat(r.waited()).isGreaterThanOrEqualTo(ObservationStripes.STUCK_NANOS)
                    .isLessThan(ObservationStripes.STUCK_NANOS + 10 * STEP);
            assertThat(r.buckets()).containsExactly(101, 0, 1);
            assertThat(r.count()).isEqualTo(102);
            assertThat(r.sum()).isEqualTo(105.0);
            Read again = Reads.of(f);
            assertThat(again.clockReads()).isZero();
            assertThat(again.sum()).isEqualTo(105.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void whenEveryStripeHasAStoppedHolderAWriterTakesThemOverAfterTheBound(String backend) {
        Fixture f = new Fixture(backend, BUCKETS);
        for (int s = 0; s < STRIPES; s++) {
            f.write(s, OTHER_SLOT, OTHER_GENERATION, 1, 2, 1);
        }
        long start = f.clock.now.get();
        f.cell.observe(1, 0);
        assertThat(f.clock.elapsedSince(start)).isGreaterThanOrEqualTo(ObservationStripes.STUCK_NANOS)
                .isLessThan(ObservationStripes.STUCK_NANOS + 10 * STEP);
        Read r = Reads.of(f);
        assertThat(r.clockReads()).isZero();
        assertThat(r.buckets()).containsExactly(1, 0, 0);
        assertThat(r.sum()).isEqualTo(1.0);
    }

    /**
     * A writer that was only stalled past the bound (SIGSTOP, an overloaded host) is taken over,
     * then resumes and finishes its plain writes: the stripe is not freed under the new holder,
     * and scrapes keep count == bucket total with the right sum.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void aStalledWriterThatResumesAfterATakeoverKeepsScrapesConsistent(String backend) {
        Fixture f = new Fixture(backend, BUCKETS);
        f.cell.observe(1, 0);
        HandWriter stalled = f.write(0, OTHER_SLOT, OTHER_GENERATION, 2, 4, 2);
        Read repaired = Reads.of(f);
        assertThat(repaired.waited()).isGreaterThanOrEqualTo(ObservationStripes.STUCK_NANOS);
        assertThat(repaired.count()).isEqualTo(2);
        assertThat(repaired.sum()).isEqualTo(5.0);
        // Another process's writer holds the stripe now when the stalled one resumes.
        HandWriter next = f.write(0, 11, 0, 1, 16, 1);
        stalled.advance(5);
        assertThat(f.seq(0).getVolatile()).as("still held by the new holder").isEqualTo(next.held());
        next.advance(5);
        for (int i = 0; i < 5; i++) {
            f.cell.observe(2, 1);
        }
        Read r = Reads.of(f);
        assertThat(r.clockReads()).isZero();
        assertThat(r.buckets()).containsExactly(1, 6, 1);
        assertThat(r.count()).as("count == bucket total").isEqualTo(8);
        assertThat(r.sum()).isEqualTo(31.0);
    }

    /** A reader waits for a live writer inside a stripe (without the bound) and sees all of it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "locking"})
    void aReaderWaitsForAWriterInsideAndSeesAllOfIt(String backend) {
        Fixture f = new Fixture(backend, BUCKETS);
        f.cell.observe(1, 0);
        HandWriter w = f.write(1, OTHER_SLOT, OTHER_GENERATION, 1, 2, 2);
        // The writer finishes while the reader is looking (its fifth look), well within the bound.
        AtomicInteger looks = new AtomicInteger();
        f.clock.onRead = () -> {
            if (looks.incrementAndGet() == 5) {
                w.advance(5);
            }
        };
        Read r = Reads.of(f);
        assertThat(r.clockReads()).isGreaterThanOrEqualTo(5);
        assertThat(r.waited()).isLessThan(ObservationStripes.STUCK_NANOS);
        assertThat(r.buckets()).containsExactly(1, 1, 0);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.sum()).isEqualTo(3.0);
    }

    /**
     * Issue #10, item 6: a writer of this process stalls between its last write and freeing the
     * stripe; meanwhile its hold is taken over (after the bound) and the stripe is taken by
     * another process's writer. When the stalled writer resumes, it must not free the stripe
     * that it no longer holds (a check-then-act "is it still mine? then free it" did, if the
     * takeover fell between the check and the store).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"varhandle", "unsafe", "locking"})
    void aResumedWriterNeverFreesAStripeItLost(String backend) throws Exception {
        PausingWords words = new PausingWords();
        Fixture f = new Fixture(backend, BUCKETS, words::wrap);
        // The writer thread's stripe is whichever Stripes.index() gives it: the one found held.
        int stripe = -1;
        Thread writer = new Thread(() -> f.cell.observe(4, 2), "stalled-writer");
        words.pauseAfterHold(writer);
        writer.start();
        assertThat(words.paused.await(30, TimeUnit.SECONDS)).as("the writer stalls before freeing").isTrue();
        for (int s = 0; s < STRIPES; s++) {
            if ((f.seq(s).getVolatile() & ObservationStripes.HELD) != 0) {
                stripe = s;
            }
        }
        assertThat(stripe).isNotNegative();
        // This process's own hold: taken over after the bound on the clock.
        Read repaired = Reads.of(f);
        assertThat(repaired.waited()).isGreaterThanOrEqualTo(ObservationStripes.STUCK_NANOS);
        assertThat(repaired.count()).isEqualTo(1);
        assertThat(repaired.sum()).isEqualTo(4.0);
        HandWriter other = f.write(stripe, OTHER_SLOT, OTHER_GENERATION, 0, 1, 1);
        int newHold = other.held();
        words.resume.countDown();
        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writer.isAlive()).isFalse();
        assertThat(f.seq(stripe).getVolatile()).as("the other writer still holds the stripe").isEqualTo(newHold);
        other.advance(5);
        Read r = Reads.of(f);
        assertThat(r.buckets()).containsExactly(1, 0, 1);
        assertThat(r.sum()).isEqualTo(5.0);
    }

    /**
     * Words that stall one thread at its first access to a stripe word after it took a stripe:
     * before a write or compare-and-set, or after a read (so that a check-then-act is split).
     */
    private static final class PausingWords {
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        volatile Thread target;
        final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

        void pauseAfterHold(Thread t) {
            target = t;
        }

        private boolean armed() {
            return Thread.currentThread() == target && holding.get() && paused.getCount() > 0;
        }

        private void stall() {
            paused.countDown();
            try {
                if (!resume.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("never resumed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        Int32Word wrap(Int32Word word) {
            return new Int32Word() {
                @Override
                public int getVolatile() {
                    boolean stallAfter = armed();
                    int v = word.getVolatile();
                    if (stallAfter) {
                        stall();
                    }
                    return v;
                }

                @Override
                public void setVolatile(int value) {
                    if (armed()) {
                        stall();
                    }
                    word.setVolatile(value);
                }

                @Override
                public void setRelease(int value) {
                    if (armed()) {
                        stall();
                    }
                    word.setRelease(value);
                }

                @Override
                public boolean compareAndSet(int expected, int value) {
                    if (armed()) {
                        stall();
                    }
                    boolean done = word.compareAndSet(expected, value);
                    if (done && Thread.currentThread() == target && (value & ObservationStripes.HELD) != 0) {
                        holding.set(true);
                    }
                    return done;
                }
            };
        }
    }
}
