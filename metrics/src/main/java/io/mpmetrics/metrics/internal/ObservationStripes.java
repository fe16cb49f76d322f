package io.mpmetrics.metrics.internal;

import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.ProcessLiveness;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.util.Bits;

import java.nio.ByteBuffer;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Observations (count, sum, bucket counts) striped over cache-line-aligned cells, each guarded
 * by a sequence word (a seqlock), so that every scrape reads count, sum and buckets of the same
 * observations while other processes keep observing.
 *
 * <pre>
 * stripe (stride = align(24 + 8 n, 64)):
 *  0  int    seq: bit 0 = held by a writer; bits 1-12 = the holder's process slot;
 *            bits 13-31 = version, +1 at every release
 *  4  int    (reserved)
 *  8  long   count
 * 16  double sum
 * 24  long   bucket[0 .. n-1]
 * </pre>
 *
 * <p><b>Writers</b> pick their thread's stripe; if it is held (another writer is inside) they
 * move to the next stripe. They take a stripe with one 32-bit compare-and-set (free to held,
 * with their process slot), update the values with plain writes and publish with a release
 * store (held to free, next version): one atomic instruction per observation, and no other
 * process's cache line touched when stripes are not shared. Only 32-bit atomics are used, so
 * this also serves the LOCKING layout family.
 *
 * <p><b>Readers</b> read each stripe between two equal free {@code seq} values and sum the
 * stripes; every observation lies wholly in one stripe, so the total is consistent. Writers
 * that keep a stripe busy could starve such optimistic reads, so after
 * {@value #OPTIMISTIC_READS} misses a reader takes the stripe like a writer to read it (writers
 * then use other stripes). A histogram's count is reported as its bucket total.
 *
 * <p><b>A writer that died inside a stripe</b> leaves it held. The holder's slot is in the
 * word, so a reader (or a writer that finds every stripe held) asks the heap whether that
 * slot's process is alive: if not, it takes the stripe over at once, sets its count to its
 * bucket total and frees it; the dead writer's observation counts in the buckets it reached,
 * its sum may or may not include the value. A holder that does not move for
 * {@link #STUCK_NANOS} while the waiting thread keeps running (stopped, or its slot reused) is
 * taken over the same way; if it resumes, it sees that and does not free the stripe it no
 * longer holds. That includes holds by this process's own slot: slots are reused lowest first,
 * so the next process to attach after a writer died inside a stripe usually has the dead
 * writer's slot, and its scrapes must not wait for "its own" hold forever. A thread of this
 * process holds a stripe for nanoseconds; the clock restarts whenever the waiting thread itself
 * was not running for {@link #PAUSE_NANOS} (a GC pause stops the holder too).
 */
public final class ObservationStripes {
    /** How long a stripe may stay odd before it is taken to be held by a dead writer. */
    public static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A gap this long between two looks at a held stripe means the waiter was paused: time again. */
    // Long enough that a yield on an overloaded host (many JVMs on 2 cores) is not taken for a pause.
    static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final int HELD = 1;
    static final int SLOT_SHIFT = 1;
    static final int SLOT_MASK = 0xFFF;
    static final int VERSION_UNIT = 1 << 13;
    static final int VERSION_MASK = -VERSION_UNIT;
    static final int SEQ = 0;
    /** Optimistic attempts per stripe before a reader takes the stripe to read it. */
    static final int OPTIMISTIC_READS = 8;
    static final int COUNT = 8;
    static final int SUM = 16;
    static final int BUCKETS = 24;

    private final ByteBuffer buf;
    private final Int32Word[] seq;
    private final int[] base;
    private final int mask;
    private final int bucketCount;
    private final ProcessLiveness liveness;
    private final int holder;

    ObservationStripes(Region mem, int offset, Backend backend, int stripes, int bucketCount) {
        this.liveness = mem.liveness();
        this.holder = (liveness.currentSlot() & SLOT_MASK) << SLOT_SHIFT | HELD;
        // Checked once here; the hot path then uses absolute indexes into the native-order buffer.
        this.buf = mem.buffer();
        this.bucketCount = bucketCount;
        this.mask = stripes - 1;
        this.seq = new Int32Word[stripes];
        this.base = new int[stripes];
        int stride = stride(bucketCount);
        for (int s = 0; s < stripes; s++) {
            seq[s] = backend.newInt32Word(mem, offset + s * stride + SEQ);
            base[s] = mem.index(offset + s * stride, stride, 8);
        }
    }

    static int stride(int bucketCount) {
        return Bits.align(BUCKETS + 8 * bucketCount, SeriesHeader.CACHE_LINE);
    }

    /** Bytes the stripes take. */
    public static int size(int stripes, int bucketCount) {
        return stripes * stride(bucketCount);
    }

    /** Records one observation of {@code value} in {@code bucket} (ignored when there are no buckets). */
    public void observe(double value, int bucket) {
        int start = Stripes.index();
        int[] heldSeen = null;
        long[] heldSince = null;
        long lastLook = 0;
        for (int i = 0; ; i++) {
            int s = (start + i) & mask;
            Int32Word word = seq[s];
            int v = word.getVolatile();
            if ((v & HELD) == 0) {
                int held = v | holder;
                if (word.compareAndSet(v, held)) {
                    int b = base[s];
                    if (bucketCount > 0) {
                        int at = b + BUCKETS + 8 * bucket;
                        buf.putLong(at, buf.getLong(at) + 1);
                    }
                    buf.putDouble(b + SUM, buf.getDouble(b + SUM) + value);
                    buf.putLong(b + COUNT, buf.getLong(b + COUNT) + 1);
                    // Free it only if still ours: after a stall it may have been taken over.
                    if (word.getVolatile() == held) {
                        word.setRelease(v + VERSION_UNIT);
                    }
                    return;
                }
            } else if (i > mask) {
                // Every stripe was held: back off, and free stripes whose holders are gone or stopped.
                Thread.onSpinWait();
                if ((i & 1023) == 0) {
                    long now = System.nanoTime();
                    if (heldSeen == null) {
                        heldSeen = new int[mask + 1];
                        heldSince = new long[mask + 1];
                    }
                    boolean paused = now - lastLook > PAUSE_NANOS;
                    lastLook = now;
                    for (int r = 0; r <= mask; r++) {
                        int h = seq[r].getVolatile();
                        if ((h & HELD) == 0 || repairIfDead(r, h)) {
                            continue;
                        }
                        if (heldSeen[r] != h || paused) {
                            heldSeen[r] = h;
                            heldSince[r] = now;
                        } else if (now - heldSince[r] > STUCK_NANOS) {
                            takeOver(r, h);
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds every stripe into {@code bucketsOut} (non-cumulative counts, which must be zeroed
     * by the caller) and returns {count, sum bits}.
     */
    public long[] read(long[] bucketsOut) {
        long count = 0;
        double sum = 0;
        long[] stripe = new long[bucketCount];
        for (int s = 0; s <= mask; s++) {
            int b = base[s];
            int heldSeen = 0;
            long heldSince = 0;
            long lastLook = 0;
            int attempts = 0;
            while (true) {
                int v1 = seq[s].getVolatile();
                if ((v1 & HELD) != 0) {
                    if (!repairIfDead(s, v1)) {
                        // Only the same held value for the whole bound, watched without a pause of our
                        // own, means a stopped writer (or a dead one whose slot is now ours); a busy stripe moves on.
                        long now = System.nanoTime();
                        if (v1 != heldSeen || now - lastLook > PAUSE_NANOS) {
                            heldSeen = v1;
                            heldSince = now;
                        } else if (now - heldSince > STUCK_NANOS) {
                            takeOver(s, v1);
                        }
                        lastLook = now;
                        Thread.yield();
                    }
                    continue;
                }
                // Optimistic reads first; writers that keep a stripe busy could starve them, so
                // after a few misses the reader takes the stripe like a writer (they move on).
                int locked = ++attempts > OPTIMISTIC_READS ? v1 | holder : 0;
                if (locked != 0 && !seq[s].compareAndSet(v1, locked)) {
                    continue;
                }
                long c = 0;
                double sm = buf.getDouble(b + SUM);
                for (int k = 0; k < bucketCount; k++) {
                    stripe[k] = buf.getLong(b + BUCKETS + 8 * k);
                    c += stripe[k];
                }
                if (bucketCount == 0) {
                    c = buf.getLong(b + COUNT);
                }
                // A histogram's count is its bucket total by definition. Reporting it so keeps
                // scrapes consistent even after a writer stalled past STUCK_NANOS, was repaired,
                // and then resumed its plain count++ on the repaired stripe.
                boolean consistent;
                if (locked != 0) {
                    consistent = true;
                    if (seq[s].getVolatile() == locked) {
                        seq[s].setRelease(v1 + VERSION_UNIT);
                    }
                } else {
                    VarHandle.acquireFence();
                    consistent = seq[s].getVolatile() == v1;
                }
                if (consistent) {
                    count += c;
                    sum += sm;
                    for (int k = 0; k < bucketCount; k++) {
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
    private boolean repairIfDead(int s, int seen) {
        int slot = (seen >>> SLOT_SHIFT) & SLOT_MASK;
        if ((seen & HELD) == 0 || (seen & ~VERSION_MASK) == holder || liveness.isSlotInUse(slot)) {
            return false;
        }
        return takeOver(s, seen);
    }

    /**
     * Takes stripe {@code s} over if it is still held as {@code seen} (its writer taken to be
     * dead or stopped), makes it consistent and frees it.
     */
    private boolean takeOver(int s, int seen) {
        Int32Word word = seq[s];
        int ours = ((seen & VERSION_MASK) + VERSION_UNIT) | holder;
        if ((seen & HELD) == 0 || !word.compareAndSet(seen, ours)) {
            return false;
        }
        if (bucketCount > 0) {
            long total = 0;
            for (int k = 0; k < bucketCount; k++) {
                total += buf.getLong(base[s] + BUCKETS + 8 * k);
            }
            buf.putLong(base[s] + COUNT, total);
        }
        word.setRelease((ours & VERSION_MASK) + VERSION_UNIT);
        return true;
    }
}
