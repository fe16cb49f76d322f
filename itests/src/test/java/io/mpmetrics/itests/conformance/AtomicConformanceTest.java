package io.mpmetrics.itests.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/**
 * The spec's atomic semantics (get/set, add returning the value from before, overflow that
 * wraps the stored value and then raises), memory layout and bounds checks, the same for every
 * backend.
 */
class AtomicConformanceTest {
    private static final int THREADS = 4;
    private static final int ADDS_PER_THREAD = 100_000;
    /** How long the threads of the exactness tests at least run together. */
    private static final long TOGETHER_MILLIS = 50;

    /** Where the value of an atomic at offset 0 lies for {@code backend}'s layout family. */
    private static int valueOffset(Backend backend) {
        return backend.layoutFamily() == LayoutFamily.LOCKING ? LayoutFamily.LOCKED_VALUE_OFFSET : 0;
    }

    // ---- fresh memory, get/set of edge values, layout ----

    @EachBackend
    void freshAtomicsOverZeroedMemoryReadZero(Backend backend) {
        Region r = Region.allocate(256);
        int step = backend.sizeOf(SharedKind.ATOMIC_INT64) + 8;
        assertAll(
                () -> assertEquals(0, backend.newAtomicInt32(r, 0).get()),
                () -> assertEquals(0, backend.newAtomicUInt32(r, step).get()),
                () -> assertEquals(0L, backend.newAtomicInt64(r, 2 * step).get()),
                () -> assertEquals(0L, backend.newAtomicUInt64(r, 3 * step).get()),
                () -> assertEquals(0L, Double.doubleToRawLongBits(backend.newAtomicDouble(r, 4 * step).get())));
    }

    @EachBackend
    void int32SetGetStoresNativeOrderAtTheValueOffset(Backend backend) {
        Region r = Region.allocate(64);
        AtomicInt32 a = backend.newAtomicInt32(r, 8);
        for (int v : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x12345678}) {
            a.set(v);
            assertEquals(v, a.get());
            assertEquals(v, r.getInt(8 + valueOffset(backend)), "value as the region reads it");
        }
    }

    @EachBackend
    void uint32SetGetKeepsAllBits(Backend backend) {
        Region r = Region.allocate(64);
        AtomicUInt32 a = backend.newAtomicUInt32(r, 8);
        for (int v : new int[] {0, 1, -1, 0x80000000, 0x7FFFFFFF, 0xDEADBEEF}) {
            a.set(v);
            assertEquals(v, a.get());
            assertEquals(v, r.getInt(8 + valueOffset(backend)));
        }
        a.set(-1);
        assertEquals(4_294_967_295L, Integer.toUnsignedLong(a.get()));
    }

    @EachBackend
    void int64SetGetStoresNativeOrderAtTheValueOffset(Backend backend) {
        Region r = Region.allocate(64);
        AtomicInt64 a = backend.newAtomicInt64(r, 8);
        for (long v : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L}) {
            a.set(v);
            assertEquals(v, a.get());
            assertEquals(v, r.getLong(8 + valueOffset(backend)));
        }
    }

    @EachBackend
    void uint64SetGetKeepsAllBits(Backend backend) {
        Region r = Region.allocate(64);
        AtomicUInt64 a = backend.newAtomicUInt64(r, 8);
        for (long v : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            a.set(v);
            assertEquals(v, a.get());
            assertEquals(v, r.getLong(8 + valueOffset(backend)));
        }
        a.set(-1);
        assertEquals("18446744073709551615", Long.toUnsignedString(a.get()));
    }

    @EachBackend
    void doubleSetGetKeepsRawBitsOfNanInfinitiesAndNegativeZero(Backend backend) {
        Region r = Region.allocate(64);
        AtomicDouble a = backend.newAtomicDouble(r, 8);
        long nanWithPayload = 0x7FF8_0000_0000_1234L;
        for (long bits : new long[] {
            Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Math.PI),
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
            Double.doubleToRawLongBits(Double.MAX_VALUE), Double.doubleToRawLongBits(Double.MIN_VALUE),
            Double.doubleToRawLongBits(Double.NaN), nanWithPayload}) {
            a.set(Double.longBitsToDouble(bits));
            assertEquals(bits, Double.doubleToRawLongBits(a.get()), () -> "bits " + Long.toHexString(bits));
            assertEquals(bits, r.getLong(8 + valueOffset(backend)), "raw bits as the region reads them");
        }
    }

    /** Nothing outside an atomic's slot is written, and (LOCKING) its lock is free after each operation. */
    @EachBackend
    void operationsStayInsideTheSlot(Backend backend) {
        for (SharedKind kind : new SharedKind[] {SharedKind.ATOMIC_INT32, SharedKind.ATOMIC_UINT32,
            SharedKind.ATOMIC_INT64, SharedKind.ATOMIC_UINT64, SharedKind.ATOMIC_DOUBLE}) {
            Region r = Region.allocate(128);
            int offset = 32;
            int size = backend.sizeOf(kind);
            r.fill(0, offset, (byte) 0x5A);
            r.fill(offset + size, 128 - offset - size, (byte) 0x5A);
            switch (kind) {
                case ATOMIC_INT32: {
                    AtomicInt32 a = backend.newAtomicInt32(r, offset);
                    a.set(-1);
                    a.add(-5);
                    assertEquals(-6, r.getInt(offset + valueOffset(backend)));
                    break;
                }
                case ATOMIC_UINT32: {
                    AtomicUInt32 a = backend.newAtomicUInt32(r, offset);
                    a.set(-1);
                    a.add(1, false);
                    a.add(7);
                    assertEquals(7, r.getInt(offset + valueOffset(backend)));
                    break;
                }
                case ATOMIC_INT64: {
                    AtomicInt64 a = backend.newAtomicInt64(r, offset);
                    a.set(-1);
                    a.add(-5);
                    assertEquals(-6L, r.getLong(offset + valueOffset(backend)));
                    break;
                }
                case ATOMIC_UINT64: {
                    AtomicUInt64 a = backend.newAtomicUInt64(r, offset);
                    a.set(-1);
                    a.add(1, false);
                    a.add(7);
                    assertEquals(7L, r.getLong(offset + valueOffset(backend)));
                    break;
                }
                default: {
                    AtomicDouble a = backend.newAtomicDouble(r, offset);
                    a.set(-1.5);
                    a.add(0.25);
                    assertEquals(-1.25, r.getDouble(offset + valueOffset(backend)));
                    break;
                }
            }
            for (int i = 0; i < 128; i++) {
                if (i < offset || i >= offset + size) {
                    assertEquals((byte) 0x5A, r.getByte(i), kind + ": byte " + i + " outside the slot was written");
                }
            }
            if (backend.layoutFamily() == LayoutFamily.LOCKING) {
                assertEquals(0, r.getInt(offset), kind + ": the value's lock is left free");
            }
        }
    }

    // ---- add returns the value from before ----

    @EachBackend
    void addReturnsTheValueFromBefore(Backend backend) {
        Region r = Region.allocate(256);
        int step = backend.sizeOf(SharedKind.ATOMIC_INT64) + 8;
        AtomicInt32 i32 = backend.newAtomicInt32(r, 0);
        AtomicUInt32 u32 = backend.newAtomicUInt32(r, step);
        AtomicInt64 i64 = backend.newAtomicInt64(r, 2 * step);
        AtomicUInt64 u64 = backend.newAtomicUInt64(r, 3 * step);
        AtomicDouble d = backend.newAtomicDouble(r, 4 * step);
        i32.set(10);
        assertEquals(10, i32.add(5));
        assertEquals(15, i32.add(-20));
        assertEquals(-5, i32.get());
        u32.set(10);
        assertEquals(10, u32.add(5));
        assertEquals(15, u32.get());
        i64.set(1L << 40);
        assertEquals(1L << 40, i64.add(-(1L << 41)));
        assertEquals(-(1L << 40), i64.get());
        u64.set(1L << 62);
        assertEquals(1L << 62, u64.add(1L << 62));
        assertEquals(Long.MIN_VALUE, u64.get(), "2^63 as unsigned");
        d.set(1.5);
        assertEquals(1.5, d.add(2.25));
        assertEquals(3.75, d.add(-4));
        assertEquals(-0.25, d.get());
    }

    // ---- signed overflow: the wrapped value is stored, then the add raises ----

    @EachBackend
    void int32OverflowWrapsAndRaises(Backend backend) {
        AtomicInt32 a = backend.newAtomicInt32(Region.allocate(64), 0);
        a.set(Integer.MAX_VALUE);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.add(1));
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
        assertEquals(Integer.MIN_VALUE, a.get(), "wrapped value stored");
        assertThrows(ArithmeticException.class, () -> a.add(-1));
        assertEquals(Integer.MAX_VALUE, a.get());
        a.set(Integer.MAX_VALUE - 1);
        assertEquals(Integer.MAX_VALUE - 1, a.add(1), "reaching MAX is no overflow");
        a.set(Integer.MIN_VALUE + 1);
        assertEquals(Integer.MIN_VALUE + 1, a.add(-1), "reaching MIN is no overflow");
        assertEquals(Integer.MIN_VALUE, a.get());
    }

    @EachBackend
    void int32OverflowWithoutRaiseWrapsSilently(Backend backend) {
        AtomicInt32 a = backend.newAtomicInt32(Region.allocate(64), 0);
        a.set(Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, a.add(2, false));
        assertEquals(Integer.MIN_VALUE + 1, a.get());
        assertEquals(Integer.MIN_VALUE + 1, a.add(-3, false));
        assertEquals(Integer.MAX_VALUE - 1, a.get());
    }

    @EachBackend
    void int64OverflowWrapsAndRaises(Backend backend) {
        AtomicInt64 a = backend.newAtomicInt64(Region.allocate(64), 0);
        a.set(Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> a.add(1));
        assertEquals(Long.MIN_VALUE, a.get(), "wrapped value stored");
        assertThrows(ArithmeticException.class, () -> a.add(Long.MIN_VALUE));
        assertEquals(0L, a.get(), "MIN + MIN wraps to 0");
        a.set(Long.MIN_VALUE + 1);
        assertEquals(Long.MIN_VALUE + 1, a.add(-1), "reaching MIN is no overflow");
        a.set(-1);
        assertEquals(-1L, a.add(Long.MIN_VALUE + 1));
        assertEquals(Long.MIN_VALUE, a.get());
    }

    @EachBackend
    void int64OverflowWithoutRaiseWrapsSilently(Backend backend) {
        AtomicInt64 a = backend.newAtomicInt64(Region.allocate(64), 0);
        a.set(Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, a.add(-1, false));
        assertEquals(Long.MAX_VALUE, a.get());
        assertEquals(Long.MAX_VALUE, a.add(Long.MAX_VALUE, false));
        assertEquals(-2L, a.get());
    }

    // ---- unsigned: amounts are unsigned, overflow is past 2^n - 1 ----

    @EachBackend
    void uint32WrapsAtTwoToThe32AndRaises(Backend backend) {
        AtomicUInt32 a = backend.newAtomicUInt32(Region.allocate(64), 0);
        a.set(0xFFFF_FFFF);
        assertThrows(ArithmeticException.class, () -> a.add(1));
        assertEquals(0, a.get(), "wrapped value stored");
        assertEquals(0, a.add(-1), "adding 2^32-1 to 0 does not overflow");
        assertEquals(0xFFFF_FFFF, a.get());
        a.set(Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, a.add(1), "a signed overflow is no unsigned overflow");
        assertEquals(0x8000_0000, a.get());
        a.set(1);
        assertThrows(ArithmeticException.class, () -> a.add(-1));
        assertEquals(0, a.get());
    }

    @EachBackend
    void uint32WithoutRaiseWrapsSilently(Backend backend) {
        AtomicUInt32 a = backend.newAtomicUInt32(Region.allocate(64), 0);
        a.set(0xFFFF_FFF0);
        assertEquals(0xFFFF_FFF0, a.add(0x20, false));
        assertEquals(0x10, a.get());
    }

    @EachBackend
    void uint64WrapsAtTwoToThe64AndRaises(Backend backend) {
        AtomicUInt64 a = backend.newAtomicUInt64(Region.allocate(64), 0);
        a.set(0xFFFF_FFFF_FFFF_FFFFL);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.add(1));
        assertTrue(e.getMessage().contains("18446744073709551615"), e.getMessage());
        assertEquals(0L, a.get(), "wrapped value stored");
        assertEquals(0L, a.add(-1), "adding 2^64-1 to 0 does not overflow");
        assertEquals(-1L, a.get());
        a.set(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, a.add(1), "a signed overflow is no unsigned overflow");
        assertEquals(Long.MIN_VALUE, a.get());
        assertThrows(ArithmeticException.class, () -> a.add(Long.MIN_VALUE));
        assertEquals(0L, a.get(), "2^63 + 2^63 wraps to 0");
    }

    @EachBackend
    void uint64WithoutRaiseWrapsSilently(Backend backend) {
        AtomicUInt64 a = backend.newAtomicUInt64(Region.allocate(64), 0);
        a.set(-2L);
        assertEquals(-2L, a.add(5, false));
        assertEquals(3L, a.get());
    }

    // ---- doubles: IEEE 754, raiseOnOverflow ignored ----

    @EachBackend
    void doubleAddFollowsIeee754AndNeverRaises(Backend backend) {
        AtomicDouble a = backend.newAtomicDouble(Region.allocate(64), 0);
        a.set(Double.MAX_VALUE);
        assertEquals(Double.MAX_VALUE, a.add(Double.MAX_VALUE, true), "raiseOnOverflow is ignored for doubles");
        assertEquals(Double.POSITIVE_INFINITY, a.get());
        assertEquals(Double.POSITIVE_INFINITY, a.add(1));
        assertEquals(Double.POSITIVE_INFINITY, a.get());
        assertEquals(Double.POSITIVE_INFINITY, a.add(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(a.get()), "inf + -inf is NaN");
        assertTrue(Double.isNaN(a.add(1, false)));
        assertTrue(Double.isNaN(a.get()), "NaN stays NaN");
        a.set(-0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(a.add(0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(a.get()), "-0.0 + 0.0 is +0.0");
        a.set(Double.NEGATIVE_INFINITY);
        a.add(-Double.MAX_VALUE);
        assertEquals(Double.NEGATIVE_INFINITY, a.get());
    }

    // ---- bounds and alignment are checked before anything is created ----

    @EachBackend
    void outOfBoundsOffsetsAreRejected(Backend backend) {
        Region r = Region.allocate(64);
        for (SharedKind kind : new SharedKind[] {SharedKind.ATOMIC_INT32, SharedKind.ATOMIC_UINT32,
            SharedKind.ATOMIC_INT64, SharedKind.ATOMIC_UINT64, SharedKind.ATOMIC_DOUBLE}) {
            int align = backend.alignmentOf(kind);
            int lastFit = (64 - backend.sizeOf(kind)) / align * align;
            for (int offset : new int[] {-align, lastFit + align, 64, Integer.MAX_VALUE - 7, Integer.MIN_VALUE}) {
                assertThrows(IndexOutOfBoundsException.class, () -> create(backend, kind, r, offset),
                        () -> kind + " at " + offset);
            }
            create(backend, kind, r, lastFit);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> backend.newInt32Word(r, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> backend.newInt32Word(r, -4));
        assertThrows(IndexOutOfBoundsException.class, () -> backend.newLock(r, 56));
        assertThrows(IndexOutOfBoundsException.class, () -> backend.newLock(r, -8));
        for (int i = 0; i < 64; i++) {
            assertEquals(0, r.getByte(i), "byte " + i + " was written by a rejected or unused factory call");
        }
    }

    @EachBackend
    void misalignedOffsetsAreRejected(Backend backend) {
        Region r = Region.allocate(64);
        for (SharedKind kind : new SharedKind[] {SharedKind.ATOMIC_INT32, SharedKind.ATOMIC_UINT32,
            SharedKind.ATOMIC_INT64, SharedKind.ATOMIC_UINT64, SharedKind.ATOMIC_DOUBLE}) {
            int align = backend.alignmentOf(kind);
            for (int offset : new int[] {1, align / 2, align + 1}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> create(backend, kind, r, offset), () -> kind + " at " + offset);
                assertTrue(e.getMessage().contains("aligned"), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> backend.newInt32Word(r, 2));
        assertThrows(IllegalArgumentException.class, () -> backend.newLock(r, 4));
    }

    /** Alignment is a property of the address: an offset into a slice counts from the slice's start. */
    @EachBackend
    void alignmentIsCheckedOnTheAddressNotTheOffset(Backend backend) {
        Region r = Region.allocate(64);
        Region shifted = r.slice(4, 56);
        assertThrows(IllegalArgumentException.class, () -> backend.newAtomicInt64(shifted, 0));
        AtomicInt64 a = backend.newAtomicInt64(shifted, 4);
        a.set(0x1122334455667788L);
        assertEquals(0x1122334455667788L, r.getLong(8 + valueOffset(backend)), "written at parent offset 8");
        assertThrows(IndexOutOfBoundsException.class, () -> backend.newAtomicInt64(r.slice(8, 8), 8));
    }

    private static Object create(Backend backend, SharedKind kind, Region r, int offset) {
        switch (kind) {
            case ATOMIC_INT32:
                return backend.newAtomicInt32(r, offset);
            case ATOMIC_UINT32:
                return backend.newAtomicUInt32(r, offset);
            case ATOMIC_INT64:
                return backend.newAtomicInt64(r, offset);
            case ATOMIC_UINT64:
                return backend.newAtomicUInt64(r, offset);
            case ATOMIC_DOUBLE:
                return backend.newAtomicDouble(r, offset);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    // ---- the 32-bit word under SharedLock ----

    @EachBackend
    void int32WordIsARealCompareAndSet(Backend backend) throws InterruptedException {
        Region r = Region.allocate(64);
        Int32Word w = backend.newInt32Word(r, 12);
        assertTrue(w.compareAndSet(0, 5));
        assertFalse(w.compareAndSet(0, 6));
        assertEquals(5, w.getVolatile());
        assertEquals(5, r.getInt(12), "native order at the given offset");
        w.setVolatile(-1);
        assertEquals(-1, r.getInt(12));
        w.setVolatile(0);
        long[] rounds = Concurrently.together(THREADS, 50_000, TOGETHER_MILLIS, t -> {
            int v;
            do {
                v = w.getVolatile();
            } while (!w.compareAndSet(v, v + 1));
        });
        assertEquals(LongStream.of(rounds).sum(), w.getVolatile());
    }

    // ---- many threads: no add is lost ----

    /**
     * Every add returns a distinct value from before: together exactly 0 .. n-1. The threads
     * keep adding until all ran together for a while (at least {@value #ADDS_PER_THREAD} each).
     */
    @EachBackend
    void concurrentInt64AddsAreExactAndReturnDistinctBefores(Backend backend) throws InterruptedException {
        AtomicInt64 a = backend.newAtomicInt64(Region.allocate(64), 0);
        BitSet[] seen = new BitSet[THREADS];
        for (int t = 0; t < THREADS; t++) {
            seen[t] = new BitSet(THREADS * ADDS_PER_THREAD);
        }
        long[] rounds = Concurrently.together(THREADS, ADDS_PER_THREAD, TOGETHER_MILLIS,
                t -> seen[t].set(Math.toIntExact(a.add(1))));
        long n = LongStream.of(rounds).sum();
        assertEquals(n, a.get(), () -> "adds per thread " + Arrays.toString(rounds));
        BitSet all = new BitSet();
        for (BitSet s : seen) {
            all.or(s);
        }
        assertEquals(n, all.cardinality(), "two adds returned the same value from before");
        assertEquals(n, all.nextClearBit(0));
    }

    /**
     * The other four types in neighbouring slots, each thread adding to all of them; the
     * integers start so that exactly one of the adds crosses their overflow boundary.
     */
    @EachBackend
    void concurrentAddsOnEveryTypeAreExactAndExactlyOneRaises(Backend backend) throws InterruptedException {
        int step = backend.sizeOf(SharedKind.ATOMIC_INT64);
        Region r = Region.allocate(4 * step);
        AtomicInt32 i32 = backend.newAtomicInt32(r, 0);
        AtomicUInt32 u32 = backend.newAtomicUInt32(r, step);
        AtomicUInt64 u64 = backend.newAtomicUInt64(r, 2 * step);
        AtomicDouble d = backend.newAtomicDouble(r, 3 * step);
        int n = THREADS * ADDS_PER_THREAD / 4;
        i32.set(Integer.MIN_VALUE + n);
        u32.set(-n);
        u64.set(-3L * n);
        AtomicInteger[] raised = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        Concurrently.run(THREADS, t -> {
            for (int i = 0; i < ADDS_PER_THREAD / 4; i++) {
                addCounting(() -> i32.add(-2), raised[0]);
                addCounting(() -> u32.add(2), raised[1]);
                addCounting(() -> u64.add(7), raised[2]);
                d.add(0.5);
            }
        });
        assertEquals(Integer.MIN_VALUE + n - 2 * n, i32.get(), "wrapped past MIN");
        assertEquals(n, u32.get(), "wrapped past 2^32");
        assertEquals(4L * n, u64.get(), "wrapped past 2^64");
        assertEquals(0.5 * n, d.get(), "halves are exact well below 2^53");
        for (AtomicInteger count : raised) {
            assertEquals(1, count.get(), "exactly the add that crossed the boundary raises");
        }
    }

    private static void addCounting(Runnable add, AtomicInteger raised) {
        try {
            add.run();
        } catch (ArithmeticException e) {
            raised.incrementAndGet();
        }
    }

    // ---- hot paths allocate nothing ----

    @EachBackend
    void hotPathsAllocateNothing(Backend backend) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        int step = Math.max(backend.sizeOf(SharedKind.ATOMIC_INT64), SharedLock.SIZE);
        Region r = Region.allocate(6 * step);
        AtomicInt32 i32 = backend.newAtomicInt32(r, 0);
        AtomicUInt32 u32 = backend.newAtomicUInt32(r, step);
        AtomicInt64 i64 = backend.newAtomicInt64(r, 2 * step);
        AtomicUInt64 u64 = backend.newAtomicUInt64(r, 3 * step);
        AtomicDouble d = backend.newAtomicDouble(r, 4 * step);
        SharedLock lock = backend.newLock(r, 5 * step);
        int ops = 50_000;
        long[] sink = new long[1];
        Runnable work = () -> {
            for (int i = 0; i < ops; i++) {
                sink[0] += i32.add(1, false) + u32.add(1, false) + i64.add(1) + u64.add(1) + (long) d.add(1.0);
                i32.set(i32.get());
                u32.set(u32.get());
                i64.set(i64.get());
                u64.set(u64.get());
                d.set(d.get());
                lock.acquire();
                lock.release();
            }
        };
        work.run(); // class loading, lambda forms and the JIT allocate once
        long before = mx.getCurrentThreadAllocatedBytes();
        work.run();
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, allocated + " bytes allocated by " + ops + " rounds of every operation");
        assertEquals(2L * ops, i64.get());
    }

    // ---- the lock-free backends share one layout ----

    @Test
    void lockFreeBackendsSeeEachOthersValues() {
        Backend varhandle = Backends.named("varhandle");
        Backend unsafe = Backends.named("unsafe");
        assertEquals(varhandle.layoutFamily(), unsafe.layoutFamily());
        Region r = Region.allocate(64);
        AtomicInt64 a = varhandle.newAtomicInt64(r, 8);
        AtomicInt64 b = unsafe.newAtomicInt64(r, 8);
        AtomicDouble x = varhandle.newAtomicDouble(r, 16);
        AtomicDouble y = unsafe.newAtomicDouble(r, 16);
        AtomicUInt32 p = varhandle.newAtomicUInt32(r, 28);
        AtomicUInt32 q = unsafe.newAtomicUInt32(r, 28);
        a.set(40);
        assertEquals(40, b.add(2));
        assertEquals(42, a.get());
        x.set(0.25);
        assertEquals(0.25, y.add(1));
        assertEquals(1.25, x.get());
        q.set(-1);
        assertEquals(-1, p.add(1, false));
        assertEquals(0, q.get());
    }
}
