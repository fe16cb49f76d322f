/**
 * Atomic values in shared memory, updated by several processes at once: the spec's
 * {@code _mpmetrics.Atomic*} and {@code mpmetrics.atomic} types.
 *
 * <p>Every operation is sequentially consistent. Instances come from a
 * {@link io.mpmetrics.spi.Backend}; on a backend of the {@code LOCKING} layout family each
 * value sits beside its own {@link io.mpmetrics.lock.SharedLock} (the spec's
 * {@code LockingDouble}, {@code LockingInt64}, {@code LockingUInt64}).
 *
 * <p><b>Unsigned values.</b> {@link io.mpmetrics.atomic.AtomicUInt64} carries a uint64 in a
 * Java {@code long} bit for bit (as {@link Long#toUnsignedString(long)} and
 * {@link Long#compareUnsigned(long, long)} read it), and {@link io.mpmetrics.atomic.AtomicUInt32}
 * a uint32 in an {@code int} (read it with {@link Integer#toUnsignedLong(int)}). Amounts added
 * to them are unsigned too: {@code -1L} added to an {@code AtomicUInt64} means 2<sup>64</sup>-1,
 * which overflows unless the value is 0.
 */
package io.mpmetrics.atomic;
