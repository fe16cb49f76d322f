package io.mpmetrics.backend.varhandle;

import io.mpmetrics.atomic.AtomicArithmetic;
import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.Probe;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.spi.VarHandleInt32Word;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The default backend: lock-free atomics through byte-buffer view {@link VarHandle}s
 * ({@link MethodHandles#byteBufferViewVarHandle}, native order) over a region's direct or
 * mapped buffer. Every operation is sequentially consistent ({@code getVolatile},
 * {@code setVolatile}, {@code getAndAdd}, {@code compareAndSet}).
 *
 * <pre>
 * LOCK_FREE layout:  int32/uint32  +0 value (4 bytes, 4-aligned)
 *                    int64/uint64  +0 value (8 bytes, 8-aligned)
 *                    double        +0 IEEE 754 bits (8 bytes, 8-aligned)
 * </pre>
 *
 * <p>Doubles are added with a compare-and-set loop on their raw bits (the {@code double[]}
 * view has no {@code getAndAdd}); NaN and infinities are stored as they are.
 *
 * <pre>{@code
 * Backend backend = Backends.named("varhandle");
 * AtomicInt64 count = backend.newAtomicInt64(Region.allocate(64), 0);
 * count.add(1);
 * }</pre>
 */
public final class VarHandleBackend implements Backend {
    /** The name {@code -Dmpmetrics.backend} selects this backend by. */
    public static final String NAME = "varhandle";
    /** Preferred over unsafe (200) and locking (100). */
    public static final int PRIORITY = 300;

    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final LayoutFamily FAMILY = LayoutFamily.LOCK_FREE;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Runs every access mode this backend uses on a small direct buffer. */
    @Override
    public Probe probe() {
        try {
            ByteBuffer buffer = ByteBuffer.allocateDirect(32).alignedSlice(16).order(ByteOrder.nativeOrder());
            LONG.setVolatile(buffer, 0, 40L);
            long before = (long) LONG.getAndAdd(buffer, 0, 2L);
            boolean swapped = LONG.compareAndSet(buffer, 0, 42L, 43L);
            INT.setVolatile(buffer, 8, 7);
            int intBefore = (int) INT.getAndAdd(buffer, 8, 1);
            boolean intSwapped = INT.compareAndSet(buffer, 8, 8, 9);
            if (before != 40L || !swapped || (long) LONG.getVolatile(buffer, 0) != 43L || buffer.getLong(0) != 43L
                    || intBefore != 7 || !intSwapped || (int) INT.getVolatile(buffer, 8) != 9) {
                return Probe.unsupported("VarHandle atomics on a direct buffer gave wrong results");
            }
            return Probe.ok();
        } catch (RuntimeException | LinkageError e) {
            return Probe.unsupported("VarHandle atomics on a direct buffer failed", e);
        }
    }

    @Override
    public LayoutFamily layoutFamily() {
        return FAMILY;
    }

    @Override
    public AtomicInt32 newAtomicInt32(Region region, int offset) {
        return new Int32(region.buffer(), index(region, offset, SharedKind.ATOMIC_INT32));
    }

    @Override
    public AtomicUInt32 newAtomicUInt32(Region region, int offset) {
        return new UInt32(region.buffer(), index(region, offset, SharedKind.ATOMIC_UINT32));
    }

    @Override
    public AtomicInt64 newAtomicInt64(Region region, int offset) {
        return new Int64(region.buffer(), index(region, offset, SharedKind.ATOMIC_INT64));
    }

    @Override
    public AtomicUInt64 newAtomicUInt64(Region region, int offset) {
        return new UInt64(region.buffer(), index(region, offset, SharedKind.ATOMIC_UINT64));
    }

    @Override
    public AtomicDouble newAtomicDouble(Region region, int offset) {
        return new Double64(region.buffer(), index(region, offset, SharedKind.ATOMIC_DOUBLE));
    }

    @Override
    public Int32Word newInt32Word(Region region, int offset) {
        return VarHandleInt32Word.at(region, offset);
    }

    private static int index(Region region, int offset, SharedKind kind) {
        return region.index(offset, FAMILY.sizeOf(kind), FAMILY.alignmentOf(kind));
    }

    @Override
    public String toString() {
        return NAME + " backend";
    }

    private static final class Int32 implements AtomicInt32 {
        private final ByteBuffer buffer;
        private final int index;

        Int32(ByteBuffer buffer, int index) {
            this.buffer = buffer;
            this.index = index;
        }

        @Override
        public int get() {
            return (int) INT.getVolatile(buffer, index);
        }

        @Override
        public void set(int value) {
            INT.setVolatile(buffer, index, value);
        }

        @Override
        public int add(int amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkInt32((int) INT.getAndAdd(buffer, index, amount), amount, raiseOnOverflow);
        }
    }

    private static final class UInt32 implements AtomicUInt32 {
        private final ByteBuffer buffer;
        private final int index;

        UInt32(ByteBuffer buffer, int index) {
            this.buffer = buffer;
            this.index = index;
        }

        @Override
        public int get() {
            return (int) INT.getVolatile(buffer, index);
        }

        @Override
        public void set(int value) {
            INT.setVolatile(buffer, index, value);
        }

        @Override
        public int add(int amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkUInt32((int) INT.getAndAdd(buffer, index, amount), amount, raiseOnOverflow);
        }
    }

    private static final class Int64 implements AtomicInt64 {
        private final ByteBuffer buffer;
        private final int index;

        Int64(ByteBuffer buffer, int index) {
            this.buffer = buffer;
            this.index = index;
        }

        @Override
        public long get() {
            return (long) LONG.getVolatile(buffer, index);
        }

        @Override
        public void set(long value) {
            LONG.setVolatile(buffer, index, value);
        }

        @Override
        public long add(long amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkInt64((long) LONG.getAndAdd(buffer, index, amount), amount, raiseOnOverflow);
        }
    }

    private static final class UInt64 implements AtomicUInt64 {
        private final ByteBuffer buffer;
        private final int index;

        UInt64(ByteBuffer buffer, int index) {
            this.buffer = buffer;
            this.index = index;
        }

        @Override
        public long get() {
            return (long) LONG.getVolatile(buffer, index);
        }

        @Override
        public void set(long value) {
            LONG.setVolatile(buffer, index, value);
        }

        @Override
        public long add(long amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkUInt64((long) LONG.getAndAdd(buffer, index, amount), amount, raiseOnOverflow);
        }
    }

    private static final class Double64 implements AtomicDouble {
        private final ByteBuffer buffer;
        private final int index;

        Double64(ByteBuffer buffer, int index) {
            this.buffer = buffer;
            this.index = index;
        }

        @Override
        public double get() {
            return Double.longBitsToDouble((long) LONG.getVolatile(buffer, index));
        }

        @Override
        public void set(double value) {
            LONG.setVolatile(buffer, index, Double.doubleToRawLongBits(value));
        }

        /** IEEE 754 addition retried until no other writer came in between; never throws. */
        @Override
        public double add(double amount, boolean raiseOnOverflow) {
            long before;
            do {
                before = (long) LONG.getVolatile(buffer, index);
            } while (!LONG.compareAndSet(buffer, index, before,
                    Double.doubleToRawLongBits(Double.longBitsToDouble(before) + amount)));
            return Double.longBitsToDouble(before);
        }
    }
}
