package io.mpmetrics.metrics.internal;

import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.ProcessLiveness;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.util.Bits;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Observations (count, sum, bucket counts) striped over cache-line-aligned cells, each guarded
 * by a sequence word (a seqlock), so that every scrape reads count, sum and buckets of the same
 * observations while other processes keep observing.
 *
 * <pre>
 * stripe (stride = align(32 + 8 max(n, 1), 64)):
 *  0  int    seq (see below)
 *  4  int    (reserved)
 *  8  long   mark: observations complete in this stripe (equals the bucket total between observations)
 * 16  double sum
 * 24  double pending sum: the sum including the observation in flight, written before its bucket
 * 32  long   bucket[0 .. n-1]; a summary has one, its count
 *
 * seq, free:  bit 0 = 0; bits 1-31 = version (+1 at every release)
 * seq, held:  bit 0 = 1; bits 1-12 = the holder's process slot; bits 13-16 = the low 4 bits
 *             of the slot's generation; bits 17-31 = the low 15 bits of the version it was taken at
 * </pre>
 *
 * <p><b>Writers</b> pick their thread's stripe; if it is held (another writer is inside) they
 * move to the next stripe. They take a stripe with one 32-bit compare-and-set (free to held),
 * then write, in this order (each store ordered after the previous one): the pending sum, the
 * bucket count, the sum, the mark; and free the stripe with a compare-and-set (held to free,
 * next version), which fails harmlessly if the stripe was taken over meanwhile. No other
 * process's cache line is touched when stripes are not shared. Only 32-bit atomics are used,
 * so this also serves the LOCKING layout family.
 *
 * <p><b>Readers</b> read each stripe between two equal free {@code seq} values and sum the
 * stripes; every observation lies wholly in one stripe, so the total is consistent. Writers
 * that keep a stripe busy could starve such optimistic reads, so after
 * {@value #OPTIMISTIC_READS} misses a reader takes the stripe like a writer to read it (writers
 * then use other stripes). The count reported is the bucket total.
 *
 * <p><b>A writer that died inside a stripe</b> leaves it held. The hold names the writer's
 * process slot and generation, so a reader (or a writer that finds every stripe held) knows at
 * once that the holder is gone when its slot is free, or now belongs to a later generation
 * (slots are reused lowest first, so the next process often gets the dead writer's slot: it
 * sees an older generation of its own slot). It then takes the stripe over, completes or drops
 * the dead writer's observation, and frees it: if the bucket was counted but the mark was not,
 * the pending sum becomes the sum (the observation counts, with its value); otherwise the
 * bucket was not counted and neither was the value. So every scrape has a sum of exactly the
 * observations it counts, kills included. The marks are then set to the bucket total.
 *
 * <p>A holder that is alive but does not move for {@link #STUCK_NANOS} (or
 * {@value #STUCK_PROPERTY}) while the waiting thread
 * keeps running (a stopped process, or a thread of this process descheduled inside an
 * observation) is taken over the same way; if it resumes, its compare-and-set to free the
 * stripe fails, but its plain writes after the takeover may miscount that observation (and
 * one made on the stripe at that moment); a histogram's count stays its bucket total. The
 * clock restarts whenever the waiting thread itself was not running for {@link #PAUSE_NANOS}
 * (a GC pause stops the holder too).
 */
public final class ObservationStripes {
    /** How long a stripe held by a live process may stay unmoved before it is taken over, by default. */
    public static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * System property overriding {@link #STUCK_NANOS} for the stripes this process attaches, in
     * milliseconds (at least {@value #MIN_STUCK_MILLIS}). Dead holders never wait for it.
     */
    public static final String STUCK_PROPERTY = "mpmetrics.stuckHolderMillis";
    static final long MIN_STUCK_MILLIS = 100;
    /** A gap this long between two looks at a held stripe means the waiter was paused: time again. */
    // Long enough that a yield on an overloaded host (many JVMs on 2 cores) is not taken for a pause.
    static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    public static final int HELD = 1;
    public static final int SLOT_SHIFT = 1;
    public static final int SLOT_MASK = 0xFFF;
    public static final int GENERATION_SHIFT = 13;
    public static final int GENERATION_MASK = 0xF;
    /** Where a held word keeps the low bits of the version it was taken at. */
    public static final int HELD_VERSION_SHIFT = 17;
    /** A free word's version step. */
    public static final int VERSION_UNIT = 2;
    private static final int HELD_VERSION_MASK = 0x7FFF;
    public static final int SEQ = 0;
    public static final int MARK = 8;
    public static final int SUM = 16;
    public static final int PENDING_SUM = 24;
    public static final int BUCKETS = 32;
    /** Optimistic attempts per stripe before a reader takes the stripe to read it. */
    static final int OPTIMISTIC_READS = 8;

    private final ByteBuffer buf;
    private final Int32Word[] seq;
    private final int[] base;
    private final int mask;
    /** Buckets per stripe: the histogram's, or 1 (the count) for a summary. */
    private final int cells;
    private final boolean histogram;
    private final ProcessLiveness liveness;
    private final IntUnaryOperator slotGenerations;
    private final LongSupplier clock;
    private final long stuckNanos;
    /** This process's held word without the version: HELD, slot, generation. */
    private final int holder;
    private final int mySlot;
    private final int myGeneration;

    /**
     * Stripes at {@code offset} of {@code mem}.
     *
     * @param words the 32-bit word at an offset of {@code mem} (the backend's)
     * @param slotGenerations the current generation of a process slot ({@code Heap::slotGeneration})
     * @param clock {@code System::nanoTime}, or a test's clock for the stuck-holder rule
     */
    ObservationStripes(Region mem, int offset, IntFunction<Int32Word> words, int stripes, int bucketCount,
                       IntUnaryOperator slotGenerations, LongSupplier clock) {
        this.liveness = mem.liveness();
        this.slotGenerations = slotGenerations;
        this.clock = clock;
        this.stuckNanos = configuredStuckNanos();
        this.mySlot = liveness.currentSlot() & SLOT_MASK;
        this.myGeneration = HeapHeader.generationOf(liveness.currentToken()) & GENERATION_MASK;
        this.holder = heldWord(0, mySlot, myGeneration);
        // Checked once here; the hot path then uses absolute indexes into the native-order buffer.
        this.buf = mem.buffer();
        this.histogram = bucketCount > 0;
        this.cells = Math.max(bucketCount, 1);
        this.mask = stripes - 1;
        this.seq = new Int32Word[stripes];
        this.base = new int[stripes];
        int stride = stride(bucketCount);
        for (int s = 0; s < stripes; s++) {
            seq[s] = words.apply(offset + s * stride + SEQ);
            base[s] = mem.index(offset + s * stride, stride, 8);
        }
    }

    /** {@value #STUCK_PROPERTY} if set, else {@link #STUCK_NANOS}. */
    static long configuredStuckNanos() {
        String configured = System.getProperty(STUCK_PROPERTY);
        if (configured == null) {
            return STUCK_NANOS;
        }
        long millis;
        try {
            millis = Long.parseLong(configured.trim());
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < MIN_STUCK_MILLIS || millis > TimeUnit.DAYS.toMillis(365)) {
            throw new IllegalArgumentException("-D" + STUCK_PROPERTY + " must be a number of milliseconds from "
                    + MIN_STUCK_MILLIS + " to a year, got " + configured);
        }
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The stride of one stripe of a histogram with {@code bucketCount} buckets (0: a summary). */
    public static int stride(int bucketCount) {
        return Bits.align(BUCKETS + 8 * Math.max(bucketCount, 1), SeriesHeader.CACHE_LINE);
    }

    /** Bytes the stripes take. */
    public static int size(int stripes, int bucketCount) {
        return stripes * stride(bucketCount);
    }

    /**
     * The word of a stripe held by the process in {@code slot} at {@code generation}, taken when
     * the stripe's word was {@code free} (for tools and tests that act as a writer).
     */
    public static int heldWord(int free, int slot, int generation) {
        return HELD | (slot & SLOT_MASK) << SLOT_SHIFT | (generation & GENERATION_MASK) << GENERATION_SHIFT
                | free << (HELD_VERSION_SHIFT - 1);
    }

    /** Records one observation of {@code value} in {@code bucket} (ignored when there are no buckets). */
    public void observe(double value, int bucket) {
        int start = Stripes.index();
        Waiting waiting = null;
        for (int i = 0; ; i++) {
            int s = (start + i) & mask;
            Int32Word word = seq[s];
            int v = word.getVolatile();
            if ((v & HELD) == 0) {
                int held = holder | v << (HELD_VERSION_SHIFT - 1);
                if (word.compareAndSet(v, held)) {
                    record(base[s], value, histogram ? bucket : 0);
                    // Frees it only if still ours: after a stall it may have been taken over.
                    word.compareAndSet(held, v + VERSION_UNIT);
                    return;
                }
            } else if (i > mask) {
                // Every stripe was held: back off, and free stripes whose holders are gone or stopped.
                Thread.onSpinWait();
                if ((i & 1023) == 0) {
                    if (waiting == null) {
                        waiting = new Waiting(mask + 1);
                    }
                    waiting.look();
                }
            }
        }
    }

    private void record(int b, double value, int bucket) {
        double sum = buf.getDouble(b + SUM) + value;
        buf.putDouble(b + PENDING_SUM, sum);
        // A repairer that finds the bucket counted must find the value it completes it with.
        VarHandle.releaseFence();
        int at = b + BUCKETS + 8 * bucket;
        buf.putLong(at, buf.getLong(at) + 1);
        VarHandle.releaseFence();
        buf.putDouble(b + SUM, sum);
        VarHandle.releaseFence();
        buf.putLong(b + MARK, buf.getLong(b + MARK) + 1);
    }

    /** A writer's watch over held stripes while every stripe is held. */
    private final class Waiting {
        final int[] seen;
        final long[] since;
        long lastLook;

        Waiting(int stripes) {
            seen = new int[stripes];
            since = new long[stripes];
            lastLook = clock.getAsLong();
        }

        void look() {
            long now = clock.getAsLong();
            boolean paused = now - lastLook > PAUSE_NANOS;
            lastLook = now;
            for (int r = 0; r <= mask; r++) {
                int h = seq[r].getVolatile();
                if ((h & HELD) == 0 || repairIfGone(r, h)) {
                    continue;
                }
                if (seen[r] != h || paused) {
                    seen[r] = h;
                    since[r] = now;
                } else if (now - since[r] > stuckNanos) {
                    takeOver(r, h);
                }
            }
        }
    }

    /**
     * Adds every stripe into {@code bucketsOut} (non-cumulative counts, which must be zeroed
     * by the caller; empty for a summary) and returns {count, sum bits}.
     */
    public long[] read(long[] bucketsOut) {
        long count = 0;
        double sum = 0;
        long[] stripe = new long[cells];
        for (int s = 0; s <= mask; s++) {
            int b = base[s];
            int heldSeen = 0;
            long heldSince = 0;
            long lastLook = 0;
            int attempts = 0;
            while (true) {
                int v1 = seq[s].getVolatile();
                if ((v1 & HELD) != 0) {
                    if (!repairIfGone(s, v1)) {
                        // Only the same held value for the whole bound, watched without a pause of
                        // our own, means a stopped holder; a busy stripe moves on.
                        long now = clock.getAsLong();
                        if (v1 != heldSeen || now - lastLook > PAUSE_NANOS) {
                            heldSeen = v1;
                            heldSince = now;
                        } else if (now - heldSince > stuckNanos) {
                            takeOver(s, v1);
                        }
                        lastLook = now;
                        Thread.yield();
                    }
                    continue;
                }
                // Optimistic reads first; writers that keep a stripe busy could starve them, so
                // after a few misses the reader takes the stripe like a writer (they move on).
                int locked = ++attempts > OPTIMISTIC_READS ? holder | v1 << (HELD_VERSION_SHIFT - 1) : 0;
                if (locked != 0 && !seq[s].compareAndSet(v1, locked)) {
                    continue;
                }
                long c = 0;
                double sm = buf.getDouble(b + SUM);
                for (int k = 0; k < cells; k++) {
                    stripe[k] = buf.getLong(b + BUCKETS + 8 * k);
                    c += stripe[k];
                }
                boolean consistent;
                if (locked != 0) {
                    consistent = true;
                    seq[s].compareAndSet(locked, v1 + VERSION_UNIT);
                } else {
                    VarHandle.acquireFence();
                    consistent = seq[s].getVolatile() == v1;
                }
                if (consistent) {
                    count += c;
                    sum += sm;
                    for (int k = 0; histogram && k < cells; k++) {
                        bucketsOut[k] += stripe[k];
                    }
                    break;
                }
            }
        }
        return new long[] {count, Double.doubleToRawLongBits(sum)};
    }

    /**
     * If stripe {@code s} is held ({@code seen}) by a process that is gone, takes it over at once.
     *
     * @return whether it did
     */
    private boolean repairIfGone(int s, int seen) {
        return holderGone(seen) && takeOver(s, seen);
    }

    /**
     * Whether the holder named in {@code seen} is certainly gone: its slot is free, or belongs to
     * a later generation (this process's own slot included: a hold by an older generation of it
     * was left by a process that died before this one attached).
     */
    private boolean holderGone(int seen) {
        int slot = (seen >>> SLOT_SHIFT) & SLOT_MASK;
        int generation = (seen >>> GENERATION_SHIFT) & GENERATION_MASK;
        if (slot == mySlot) {
            return generation != myGeneration;
        }
        if (!liveness.isSlotInUse(slot)) {
            return true;
        }
        return (slotGenerations.applyAsInt(slot) & GENERATION_MASK) != generation;
    }

    /**
     * Takes stripe {@code s} over if it is still held as {@code seen} (its holder taken to be
     * gone or stopped), makes it consistent and frees it.
     */
    private boolean takeOver(int s, int seen) {
        Int32Word word = seq[s];
        int version = ((seen >>> HELD_VERSION_SHIFT) + 1) & HELD_VERSION_MASK;
        int ours = holder | version << HELD_VERSION_SHIFT;
        if ((seen & HELD) == 0 || !word.compareAndSet(seen, ours)) {
            return false;
        }
        int b = base[s];
        long total = 0;
        for (int k = 0; k < cells; k++) {
            total += buf.getLong(b + BUCKETS + 8 * k);
        }
        if (buf.getLong(b + MARK) == total - 1) {
            // The holder counted its bucket but did not finish: complete its sum too.
            buf.putDouble(b + SUM, buf.getDouble(b + PENDING_SUM));
        }
        buf.putLong(b + MARK, total);
        // Not the free value the hold was taken at (its low version bits differ), so an optimistic
        // reader that began before the hold does not accept what it read meanwhile.
        word.compareAndSet(ours, version << 1);
        return true;
    }
}
