package io.mpmetrics.backend.unsafe;

import io.mpmetrics.atomic.AtomicArithmetic;
import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.BackendUnavailableException;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.Probe;
import io.mpmetrics.spi.SharedKind;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Lock-free atomics with {@code sun.misc.Unsafe} on the raw address of a region's direct or
 * mapped buffer: the fallback when VarHandles are unusable. Same memory layout as
 * {@code varhandle} (the {@code LOCK_FREE} family), so the two may share a file.
 *
 * <pre>
 * LOCK_FREE layout:  int32/uint32  +0 value (4 bytes, 4-aligned)
 *                    int64/uint64  +0 value (8 bytes, 8-aligned)
 *                    double        +0 IEEE 754 bits (8 bytes, 8-aligned)
 * address = buffer address (java.nio.Buffer.address) + region.index(offset, size, alignment)
 * </pre>
 *
 * <p>A raw address is only formed after {@link Region#index} has checked bounds and alignment:
 * a bad offset is an exception, never a stray write. Each atomic keeps its buffer reachable so
 * the mapping cannot be unmapped by the GC while the atomic is in use.
 *
 * <p>Unsafe is reached through method handles in {@code UnsafeAccess} (as fast as direct calls
 * once compiled; see there why).
 *
 * <p>On JDK 24+ the JVM prints a one-time warning when Unsafe memory access is first used;
 * with {@code --sun-misc-unsafe-memory-access=deny} the probe fails and this backend is
 * skipped (forcing it is a {@link BackendUnavailableException}).
 *
 * <pre>{@code
 * Backend backend = Backends.named("unsafe");
 * AtomicInt64 count = backend.newAtomicInt64(Region.allocate(64), 0);
 * count.add(1);
 * }</pre>
 */
public final class UnsafeBackend implements Backend {
    /** The name {@code -Dmpmetrics.backend} selects this backend by. */
    public static final String NAME = "unsafe";
    /** Below varhandle (300), above locking (100). */
    public static final int PRIORITY = 200;

    private static final LayoutFamily FAMILY = LayoutFamily.LOCK_FREE;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Probe probe() {
        try {
            return UnsafeAccess.PROBE;
        } catch (LinkageError e) {
            return Probe.unsupported("sun.misc.Unsafe is not available", e);
        }
    }

    @Override
    public LayoutFamily layoutFamily() {
        return FAMILY;
    }

    @Override
    public AtomicInt32 newAtomicInt32(Region region, int offset) {
        int index = index(region, offset, SharedKind.ATOMIC_INT32);
        return new Int32(region.buffer(), index);
    }

    @Override
    public AtomicUInt32 newAtomicUInt32(Region region, int offset) {
        int index = index(region, offset, SharedKind.ATOMIC_UINT32);
        return new UInt32(region.buffer(), index);
    }

    @Override
    public AtomicInt64 newAtomicInt64(Region region, int offset) {
        int index = index(region, offset, SharedKind.ATOMIC_INT64);
        return new Int64(region.buffer(), index);
    }

    @Override
    public AtomicUInt64 newAtomicUInt64(Region region, int offset) {
        int index = index(region, offset, SharedKind.ATOMIC_UINT64);
        return new UInt64(region.buffer(), index);
    }

    @Override
    public AtomicDouble newAtomicDouble(Region region, int offset) {
        int index = index(region, offset, SharedKind.ATOMIC_DOUBLE);
        return new Double64(region.buffer(), index);
    }

    @Override
    public Int32Word newInt32Word(Region region, int offset) {
        int index = region.index(offset, Integer.BYTES, Integer.BYTES);
        requireSupported();
        return new Word(region.buffer(), index);
    }

    private static int index(Region region, int offset, SharedKind kind) {
        int index = region.index(offset, FAMILY.sizeOf(kind), FAMILY.alignmentOf(kind));
        requireSupported();
        return index;
    }

    private static void requireSupported() {
        Probe probe = UnsafeAccess.PROBE;
        if (!probe.supported()) {
            throw new BackendUnavailableException("the " + NAME + " backend cannot run here: " + probe.reason());
        }
    }

    @Override
    public String toString() {
        return NAME + " backend";
    }

    /** Holds the buffer so that its memory stays mapped while this atomic is reachable. */
    private abstract static class Cell {
        final ByteBuffer buffer;
        final long address;

        Cell(ByteBuffer buffer, int index) {
            this.buffer = buffer;
            this.address = UnsafeAccess.address(buffer) + index;
        }
    }

    private static final class Int32 extends Cell implements AtomicInt32 {
        Int32(ByteBuffer buffer, int index) {
            super(buffer, index);
        }

        @Override
        public int get() {
            int value = UnsafeAccess.getIntVolatile(address);
            Reference.reachabilityFence(buffer);
            return value;
        }

        @Override
        public void set(int value) {
            UnsafeAccess.putIntVolatile(address, value);
            Reference.reachabilityFence(buffer);
        }

        @Override
        public int add(int amount, boolean raiseOnOverflow) {
            int before = UnsafeAccess.getAndAddInt(address, amount);
            Reference.reachabilityFence(buffer);
            return AtomicArithmetic.checkInt32(before, amount, raiseOnOverflow);
        }
    }

    private static final class UInt32 extends Cell implements AtomicUInt32 {
        UInt32(ByteBuffer buffer, int index) {
            super(buffer, index);
        }

        @Override
        public int get() {
            int value = UnsafeAccess.getIntVolatile(address);
            Reference.reachabilityFence(buffer);
            return value;
        }

        @Override
        public void set(int value) {
            UnsafeAccess.putIntVolatile(address, value);
            Reference.reachabilityFence(buffer);
        }

        @Override
        public int add(int amount, boolean raiseOnOverflow) {
            int before = UnsafeAccess.getAndAddInt(address, amount);
            Reference.reachabilityFence(buffer);
            return AtomicArithmetic.checkUInt32(before, amount, raiseOnOverflow);
        }
    }

    private static final class Int64 extends Cell implements AtomicInt64 {
        Int64(ByteBuffer buffer, int index) {
            super(buffer, index);
        }

        @Override
        public long get() {
            long value = UnsafeAccess.getLongVolatile(address);
            Reference.reachabilityFence(buffer);
            return value;
        }

        @Override
        public void set(long value) {
            UnsafeAccess.putLongVolatile(address, value);
            Reference.reachabilityFence(buffer);
        }

        @Override
        public long add(long amount, boolean raiseOnOverflow) {
            long before = UnsafeAccess.getAndAddLong(address, amount);
            Reference.reachabilityFence(buffer);
            return AtomicArithmetic.checkInt64(before, amount, raiseOnOverflow);
        }
    }

    private static final class UInt64 extends Cell implements AtomicUInt64 {
        UInt64(ByteBuffer buffer, int index) {
            super(buffer, index);
        }

        @Override
        public long get() {
            long value = UnsafeAccess.getLongVolatile(address);
            Reference.reachabilityFence(buffer);
            return value;
        }

        @Override
        public void set(long value) {
            UnsafeAccess.putLongVolatile(address, value);
            Reference.reachabilityFence(buffer);
        }

        @Override
        public long add(long amount, boolean raiseOnOverflow) {
            long before = UnsafeAccess.getAndAddLong(address, amount);
            Reference.reachabilityFence(buffer);
            return AtomicArithmetic.checkUInt64(before, amount, raiseOnOverflow);
        }
    }

    private static final class Double64 extends Cell implements AtomicDouble {
        Double64(ByteBuffer buffer, int index) {
            super(buffer, index);
        }

        @Override
        public double get() {
            long bits = UnsafeAccess.getLongVolatile(address);
            Reference.reachabilityFence(buffer);
            return Double.longBitsToDouble(bits);
        }

        @Override
        public void set(double value) {
            UnsafeAccess.putLongVolatile(address, Double.doubleToRawLongBits(value));
            Reference.reachabilityFence(buffer);
        }

        /** IEEE 754 addition retried until no other writer came in between; never throws. */
        @Override
        public double add(double amount, boolean raiseOnOverflow) {
            long before;
            do {
                before = UnsafeAccess.getLongVolatile(address);
            } while (!UnsafeAccess.compareAndSwapLong(address, before,
                    Double.doubleToRawLongBits(Double.longBitsToDouble(before) + amount)));
            Reference.reachabilityFence(buffer);
            return Double.longBitsToDouble(before);
        }
    }

    private static final class Word extends Cell implements Int32Word {
        Word(ByteBuffer buffer, int index) {
            super(buffer, index);
        }

        @Override
        public int getVolatile() {
            int value = UnsafeAccess.getIntVolatile(address);
            Reference.reachabilityFence(buffer);
            return value;
        }

        @Override
        public void setVolatile(int value) {
            UnsafeAccess.putIntVolatile(address, value);
            Reference.reachabilityFence(buffer);
        }

        @Override
        public void setRelease(int value) {
            UnsafeAccess.putOrderedInt(address, value);
            Reference.reachabilityFence(buffer);
        }

        @Override
        public boolean compareAndSet(int expected, int value) {
            boolean swapped = UnsafeAccess.compareAndSwapInt(address, expected, value);
            Reference.reachabilityFence(buffer);
            return swapped;
        }
    }
}
