package io.mpmetrics.spi;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;

/**
 * A way to do atomic operations on shared memory: the service that backends implement and
 * {@link Backends} selects. Implementations are registered with {@code ServiceLoader}
 * ({@code META-INF/services}, {@code provides} in module-info, osgi.serviceloader in OSGi).
 *
 * <p>Factories take a {@link Region} and an offset in it; the object they return is valid
 * as long as the region's memory is mapped. They check bounds and alignment (the offset
 * must be a multiple of {@link LayoutFamily#alignmentOf}) and throw
 * {@link IndexOutOfBoundsException} or {@link IllegalArgumentException} otherwise: with the
 * unsafe backend a bad address would crash the JVM, so nothing is taken on trust.
 *
 * <pre>{@code
 * Backend backend = Backends.select();
 * Region region = Region.allocate(64);
 * AtomicInt64 count = backend.newAtomicInt64(region, 0);
 * count.add(5);
 * }</pre>
 */
public interface Backend {
    /** A short unique name, e.g. {@code varhandle}; what {@code -Dmpmetrics.backend} names. */
    String name();

    /** Higher wins among backends whose probe passes. */
    int priority();

    /** Whether this backend works on this platform; must never throw or crash. */
    Probe probe();

    /** How this backend lays out its atomics; files record it. */
    LayoutFamily layoutFamily();

    /** A signed 32-bit atomic at {@code offset} of {@code region}. */
    AtomicInt32 newAtomicInt32(Region region, int offset);

    /** An unsigned 32-bit atomic at {@code offset} of {@code region}. */
    AtomicUInt32 newAtomicUInt32(Region region, int offset);

    /** A signed 64-bit atomic at {@code offset} of {@code region}. */
    AtomicInt64 newAtomicInt64(Region region, int offset);

    /** An unsigned 64-bit atomic at {@code offset} of {@code region}. */
    AtomicUInt64 newAtomicUInt64(Region region, int offset);

    /** A double atomic at {@code offset} of {@code region}. */
    AtomicDouble newAtomicDouble(Region region, int offset);

    /** A raw 32-bit CAS word at {@code offset} (4-aligned) of {@code region}; the lock's primitive. */
    Int32Word newInt32Word(Region region, int offset);

    /** A cross-process lock ({@link SharedLock#SIZE} bytes) at {@code offset} of {@code region}. */
    default SharedLock newLock(Region region, int offset) {
        return new SharedLock(region, offset, newInt32Word(region, offset + SharedLock.OWNER_OFFSET));
    }

    /** {@code layoutFamily().sizeOf(kind)}. */
    default int sizeOf(SharedKind kind) {
        return layoutFamily().sizeOf(kind);
    }

    /** {@code layoutFamily().alignmentOf(kind)}. */
    default int alignmentOf(SharedKind kind) {
        return layoutFamily().alignmentOf(kind);
    }
}
