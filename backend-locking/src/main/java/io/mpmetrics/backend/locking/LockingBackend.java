package io.mpmetrics.backend.locking;

import io.mpmetrics.atomic.AtomicArithmetic;
import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.Probe;
import io.mpmetrics.spi.SharedKind;
import io.mpmetrics.spi.VarHandleInt32Word;

/**
 * Atomics without any 64-bit atomic instruction: every value sits behind its own
 * {@link SharedLock}, which needs only a 32-bit compare-and-set — the spec's
 * {@code LockingDouble}, {@code LockingInt64} and {@code LockingUInt64}, for all five types.
 * For platforms with 32-bit atomics only, and as the reference the lock-free backends are
 * tested against. Its probe always passes; it has the lowest priority.
 *
 * <pre>
 * LOCKING layout (every kind, 8-aligned; LayoutFamily.LOCKING.sizeOf(kind) bytes):
 *  0               4               8                16                  24
 *  +---------------+---------------+----------------+-------------------+
 *  | lock owner    | lock flags    | lock thread id | value (4 or 8 B,  |
 *  | (32-bit CAS)  |               |                | plain, native)    |
 *  +---------------+---------------+----------------+-------------------+
 *  |&lt;-------------- SharedLock (16 bytes) ---------&gt;|&lt;- LOCKED_VALUE_OFFSET
 * </pre>
 *
 * <p>Each operation acquires the lock, reads/modifies/writes the value with plain accesses and
 * releases the lock; the lock's compare-and-set and volatile release order those accesses
 * across threads and processes. A lock whose holder process died is taken over (see
 * {@link SharedLock}); a value it was writing is then whatever the dead writer left.
 *
 * <pre>{@code
 * Backend backend = Backends.named("locking");
 * Region region = Region.allocate(64);
 * AtomicDouble sum = backend.newAtomicDouble(region, 0);   // lock at 0, value at 16
 * sum.add(0.5);
 * }</pre>
 */
public final class LockingBackend implements Backend {
    /** The name {@code -Dmpmetrics.backend} selects this backend by. */
    public static final String NAME = "locking";
    /** The lowest: chosen only when no lock-free backend can run (or when forced). */
    public static final int PRIORITY = 100;

    private static final LayoutFamily FAMILY = LayoutFamily.LOCKING;
    private static final int VALUE = LayoutFamily.LOCKED_VALUE_OFFSET;

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
        return Probe.ok();
    }

    @Override
    public LayoutFamily layoutFamily() {
        return FAMILY;
    }

    @Override
    public AtomicInt32 newAtomicInt32(Region region, int offset) {
        return new Int32(lockOf(region, offset, SharedKind.ATOMIC_INT32), region, offset + VALUE);
    }

    @Override
    public AtomicUInt32 newAtomicUInt32(Region region, int offset) {
        return new UInt32(lockOf(region, offset, SharedKind.ATOMIC_UINT32), region, offset + VALUE);
    }

    @Override
    public AtomicInt64 newAtomicInt64(Region region, int offset) {
        return new Int64(lockOf(region, offset, SharedKind.ATOMIC_INT64), region, offset + VALUE);
    }

    @Override
    public AtomicUInt64 newAtomicUInt64(Region region, int offset) {
        return new UInt64(lockOf(region, offset, SharedKind.ATOMIC_UINT64), region, offset + VALUE);
    }

    @Override
    public AtomicDouble newAtomicDouble(Region region, int offset) {
        return new Double64(lockOf(region, offset, SharedKind.ATOMIC_DOUBLE), region, offset + VALUE);
    }

    @Override
    public Int32Word newInt32Word(Region region, int offset) {
        return VarHandleInt32Word.at(region, offset);
    }

    /** Checks the whole slot (lock and value) before anything is created. */
    private SharedLock lockOf(Region region, int offset, SharedKind kind) {
        region.index(offset, FAMILY.sizeOf(kind), FAMILY.alignmentOf(kind));
        return newLock(region, offset);
    }

    @Override
    public String toString() {
        return NAME + " backend";
    }

    /** A value at {@code valueOffset} of {@code region}, guarded by {@code lock}. */
    private abstract static class Locked {
        final SharedLock lock;
        final Region region;
        final int valueOffset;

        Locked(SharedLock lock, Region region, int valueOffset) {
            this.lock = lock;
            this.region = region;
            this.valueOffset = valueOffset;
        }

        final int getInt() {
            lock.acquire();
            try {
                return region.getInt(valueOffset);
            } finally {
                lock.release();
            }
        }

        final void setInt(int value) {
            lock.acquire();
            try {
                region.putInt(valueOffset, value);
            } finally {
                lock.release();
            }
        }

        /** Stores the wrapped sum and returns the value from before. */
        final int getAndAddInt(int amount) {
            lock.acquire();
            try {
                int before = region.getInt(valueOffset);
                region.putInt(valueOffset, before + amount);
                return before;
            } finally {
                lock.release();
            }
        }

        final long getLong() {
            lock.acquire();
            try {
                return region.getLong(valueOffset);
            } finally {
                lock.release();
            }
        }

        final void setLong(long value) {
            lock.acquire();
            try {
                region.putLong(valueOffset, value);
            } finally {
                lock.release();
            }
        }

        /** Stores the wrapped sum and returns the value from before. */
        final long getAndAddLong(long amount) {
            lock.acquire();
            try {
                long before = region.getLong(valueOffset);
                region.putLong(valueOffset, before + amount);
                return before;
            } finally {
                lock.release();
            }
        }
    }

    private static final class Int32 extends Locked implements AtomicInt32 {
        Int32(SharedLock lock, Region region, int valueOffset) {
            super(lock, region, valueOffset);
        }

        @Override
        public int get() {
            return getInt();
        }

        @Override
        public void set(int value) {
            setInt(value);
        }

        @Override
        public int add(int amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkInt32(getAndAddInt(amount), amount, raiseOnOverflow);
        }
    }

    private static final class UInt32 extends Locked implements AtomicUInt32 {
        UInt32(SharedLock lock, Region region, int valueOffset) {
            super(lock, region, valueOffset);
        }

        @Override
        public int get() {
            return getInt();
        }

        @Override
        public void set(int value) {
            setInt(value);
        }

        @Override
        public int add(int amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkUInt32(getAndAddInt(amount), amount, raiseOnOverflow);
        }
    }

    private static final class Int64 extends Locked implements AtomicInt64 {
        Int64(SharedLock lock, Region region, int valueOffset) {
            super(lock, region, valueOffset);
        }

        @Override
        public long get() {
            return getLong();
        }

        @Override
        public void set(long value) {
            setLong(value);
        }

        @Override
        public long add(long amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkInt64(getAndAddLong(amount), amount, raiseOnOverflow);
        }
    }

    private static final class UInt64 extends Locked implements AtomicUInt64 {
        UInt64(SharedLock lock, Region region, int valueOffset) {
            super(lock, region, valueOffset);
        }

        @Override
        public long get() {
            return getLong();
        }

        @Override
        public void set(long value) {
            setLong(value);
        }

        @Override
        public long add(long amount, boolean raiseOnOverflow) {
            return AtomicArithmetic.checkUInt64(getAndAddLong(amount), amount, raiseOnOverflow);
        }
    }

    /** The value is kept as raw IEEE 754 bits, so NaN payloads and infinities are stored as they are. */
    private static final class Double64 extends Locked implements AtomicDouble {
        Double64(SharedLock lock, Region region, int valueOffset) {
            super(lock, region, valueOffset);
        }

        @Override
        public double get() {
            return Double.longBitsToDouble(getLong());
        }

        @Override
        public void set(double value) {
            setLong(Double.doubleToRawLongBits(value));
        }

        @Override
        public double add(double amount, boolean raiseOnOverflow) {
            lock.acquire();
            try {
                double before = Double.longBitsToDouble(region.getLong(valueOffset));
                region.putLong(valueOffset, Double.doubleToRawLongBits(before + amount));
                return before;
            } finally {
                lock.release();
            }
        }
    }
}
