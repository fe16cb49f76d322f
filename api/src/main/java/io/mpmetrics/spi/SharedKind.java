package io.mpmetrics.spi;

/** The primitive shared-memory objects a {@link Backend} creates. */
public enum SharedKind {
    /** {@link io.mpmetrics.atomic.AtomicInt32}. */
    ATOMIC_INT32,
    /** {@link io.mpmetrics.atomic.AtomicUInt32}. */
    ATOMIC_UINT32,
    /** {@link io.mpmetrics.atomic.AtomicInt64}. */
    ATOMIC_INT64,
    /** {@link io.mpmetrics.atomic.AtomicUInt64}. */
    ATOMIC_UINT64,
    /** {@link io.mpmetrics.atomic.AtomicDouble}. */
    ATOMIC_DOUBLE,
    /** {@link io.mpmetrics.lock.SharedLock}. */
    LOCK
}
