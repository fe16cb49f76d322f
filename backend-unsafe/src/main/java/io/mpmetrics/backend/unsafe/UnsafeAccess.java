package io.mpmetrics.backend.unsafe;

import io.mpmetrics.spi.Probe;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import sun.misc.Unsafe;

/**
 * The one place that touches {@link Unsafe}: finds it, finds where a direct buffer keeps its
 * address, and probes, once per JVM, every operation the backend uses. Initializing this class
 * never throws: when {@code Unsafe} is missing ({@code jdk.unsupported} absent, {@code sun.misc}
 * not wired in OSGi) or its memory access is denied (JDK 24+
 * {@code --sun-misc-unsafe-memory-access=deny}), {@link #PROBE} says why and {@link #U} is
 * {@code null}.
 */
final class UnsafeAccess {
    /** The Unsafe instance, or {@code null} when {@link #PROBE} failed. */
    static final Unsafe U;
    /** The field offset of {@code java.nio.Buffer.address}. */
    static final long ADDRESS_FIELD_OFFSET;
    /** The probe result, computed once: the memory access mode cannot change while a JVM runs. */
    static final Probe PROBE;

    static {
        Unsafe unsafe = null;
        long addressOffset = -1;
        Probe probe;
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = (Unsafe) f.get(null);
            addressOffset = unsafe.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            probe = exercise(unsafe, addressOffset);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // UnsupportedOperationException when memory access is denied, NoClassDefFoundError without sun.misc.
            probe = Probe.unsupported("sun.misc.Unsafe memory access is not available", e);
        }
        PROBE = probe;
        U = probe.supported() ? unsafe : null;
        ADDRESS_FIELD_OFFSET = addressOffset;
    }

    private UnsafeAccess() {
    }

    /** The address of {@code buffer}'s element 0 (a direct buffer). */
    static long address(ByteBuffer buffer) {
        return U.getLong(buffer, ADDRESS_FIELD_OFFSET);
    }

    /**
     * Checks that the address field really holds the address (before any raw access, so a
     * layout surprise is an unsupported probe, not a crash), then runs each atomic operation
     * the backend uses and compares with what the buffer itself reads.
     */
    private static Probe exercise(Unsafe u, long addressOffset) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64).alignedSlice(16).order(ByteOrder.nativeOrder());
        long address = u.getLong(buffer, addressOffset);
        long sliceAddress = u.getLong(buffer.slice(24, 8), addressOffset);
        if (address == 0 || (address & 15) != 0 || sliceAddress - address != 24) {
            return Probe.unsupported("java.nio.Buffer.address does not hold a direct buffer's address here");
        }
        u.putLongVolatile(null, address, 40L);
        long before = u.getAndAddLong(null, address, 2L);
        boolean swapped = u.compareAndSwapLong(null, address, 42L, 43L);
        u.putIntVolatile(null, address + 8, 7);
        int intBefore = u.getAndAddInt(null, address + 8, 1);
        boolean intSwapped = u.compareAndSwapInt(null, address + 8, 8, 9);
        boolean ok = before == 40L && swapped && u.getLongVolatile(null, address) == 43L && buffer.getLong(0) == 43L
                && intBefore == 7 && intSwapped && u.getIntVolatile(null, address + 8) == 9 && buffer.getInt(8) == 9;
        return ok ? Probe.ok() : Probe.unsupported("sun.misc.Unsafe atomics on a direct buffer gave wrong results");
    }
}
