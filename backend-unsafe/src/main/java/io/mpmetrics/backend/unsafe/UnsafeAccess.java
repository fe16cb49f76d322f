package io.mpmetrics.backend.unsafe;

import io.mpmetrics.spi.Probe;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one place that touches {@code sun.misc.Unsafe}: finds it, finds where a direct buffer
 * keeps its address, and probes, once per JVM, every operation the backend uses.
 *
 * <p>Each Unsafe method is reached through a {@link MethodHandle} bound to the Unsafe instance
 * and held in a {@code static final} field, which the JIT compiles to the same intrinsic as a
 * direct call. Not naming {@code sun.misc.Unsafe} in source keeps javac's unsuppressible
 * "internal proprietary API" warning out of the build, and an Unsafe method that a future JDK
 * removes becomes a failed probe rather than a {@link LinkageError} at first use.
 *
 * <p>Initializing this class never throws: when Unsafe is missing ({@code jdk.unsupported}
 * absent, {@code sun.misc} not wired in OSGi) or its memory access is denied (JDK 24+
 * {@code --sun-misc-unsafe-memory-access=deny} makes {@code objectFieldOffset} throw
 * {@link UnsupportedOperationException}), {@link #PROBE} says why and nothing else is usable.
 */
final class UnsafeAccess {
    /** The probe result, computed once: the memory access mode cannot change while a JVM runs. */
    static final Probe PROBE;

    private static final MethodHandle BUFFER_ADDRESS; // (Object buffer) long
    private static final MethodHandle GET_INT_VOLATILE; // (long address) int
    private static final MethodHandle PUT_INT_VOLATILE; // (long address, int value) void
    private static final MethodHandle GET_AND_ADD_INT; // (long address, int delta) int
    private static final MethodHandle CAS_INT; // (long address, int expected, int value) boolean
    private static final MethodHandle GET_LONG_VOLATILE; // (long address) long
    private static final MethodHandle PUT_LONG_VOLATILE; // (long address, long value) void
    private static final MethodHandle GET_AND_ADD_LONG; // (long address, long delta) long
    private static final MethodHandle CAS_LONG; // (long address, long expected, long value) boolean
    private static final MethodHandle PUT_INT_ORDERED; // (long address, int value) void: a release store

    static {
        MethodHandle[] h = new MethodHandle[10];
        Probe probe;
        try {
            bind(h);
            probe = exercise(h);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // UnsupportedOperationException when memory access is denied, ClassNotFoundException without sun.misc.
            probe = Probe.unsupported("sun.misc.Unsafe memory access is not available", e);
        } catch (Throwable e) {
            probe = Probe.unsupported("sun.misc.Unsafe probe failed", e);
        }
        PROBE = probe;
        BUFFER_ADDRESS = h[0];
        GET_INT_VOLATILE = h[1];
        PUT_INT_VOLATILE = h[2];
        GET_AND_ADD_INT = h[3];
        CAS_INT = h[4];
        GET_LONG_VOLATILE = h[5];
        PUT_LONG_VOLATILE = h[6];
        GET_AND_ADD_LONG = h[7];
        CAS_LONG = h[8];
        PUT_INT_ORDERED = h[9];
    }

    private UnsafeAccess() {
    }

    /** Looks up each method, bound to the instance and (for raw memory) a {@code null} base object. */
    private static void bind(MethodHandle[] h) throws ReflectiveOperationException {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = type.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object unsafe = theUnsafe.get(null);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle fieldOffset = lookup.findVirtual(type, "objectFieldOffset",
                MethodType.methodType(long.class, Field.class)).bindTo(unsafe);
        long addressOffset;
        try {
            addressOffset = (long) fieldOffset.invokeExact(Buffer.class.getDeclaredField("address"));
        } catch (RuntimeException | Error | ReflectiveOperationException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        MethodHandle getLong = lookup.findVirtual(type, "getLong",
                MethodType.methodType(long.class, Object.class, long.class)).bindTo(unsafe);
        h[0] = MethodHandles.insertArguments(getLong, 1, addressOffset);
        h[1] = raw(lookup, type, unsafe, "getIntVolatile", int.class);
        h[2] = raw(lookup, type, unsafe, "putIntVolatile", void.class, int.class);
        h[3] = raw(lookup, type, unsafe, "getAndAddInt", int.class, int.class);
        h[4] = raw(lookup, type, unsafe, "compareAndSwapInt", boolean.class, int.class, int.class);
        h[5] = raw(lookup, type, unsafe, "getLongVolatile", long.class);
        h[6] = raw(lookup, type, unsafe, "putLongVolatile", void.class, long.class);
        h[7] = raw(lookup, type, unsafe, "getAndAddLong", long.class, long.class);
        h[8] = raw(lookup, type, unsafe, "compareAndSwapLong", boolean.class, long.class, long.class);
        h[9] = raw(lookup, type, unsafe, "putOrderedInt", void.class, int.class);
    }

    /** {@code unsafe.name(null, address, params...)} as {@code (long address, params...) returns}. */
    private static MethodHandle raw(MethodHandles.Lookup lookup, Class<?> type, Object unsafe, String name,
            Class<?> returns, Class<?>... params) throws ReflectiveOperationException {
        Class<?>[] all = new Class<?>[params.length + 2];
        all[0] = Object.class;
        all[1] = long.class;
        System.arraycopy(params, 0, all, 2, params.length);
        MethodHandle mh = lookup.findVirtual(type, name, MethodType.methodType(returns, all)).bindTo(unsafe);
        return MethodHandles.insertArguments(mh, 0, (Object) null);
    }

    /**
     * Checks that the address field really holds the address (before any raw access, so a
     * layout surprise is an unsupported probe, not a crash), then runs each atomic operation
     * the backend uses and compares with what the buffer itself reads.
     */
    private static Probe exercise(MethodHandle[] h) throws Throwable {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64).alignedSlice(16).order(ByteOrder.nativeOrder());
        long address = (long) h[0].invokeExact((Object) buffer);
        long sliceAddress = (long) h[0].invokeExact((Object) buffer.slice(24, 8));
        if (address == 0 || (address & 15) != 0 || sliceAddress - address != 24) {
            return Probe.unsupported("java.nio.Buffer.address does not hold a direct buffer's address here");
        }
        h[6].invokeExact(address, 40L);
        long before = (long) h[7].invokeExact(address, 2L);
        boolean swapped = (boolean) h[8].invokeExact(address, 42L, 43L);
        long after = (long) h[5].invokeExact(address);
        h[2].invokeExact(address + 8, 7);
        int intBefore = (int) h[3].invokeExact(address + 8, 1);
        boolean intSwapped = (boolean) h[4].invokeExact(address + 8, 8, 9);
        int intAfter = (int) h[1].invokeExact(address + 8);
        h[9].invokeExact(address + 12, 11);
        boolean ok = before == 40L && swapped && after == 43L && buffer.getLong(0) == 43L
                && intBefore == 7 && intSwapped && intAfter == 9 && buffer.getInt(8) == 9 && buffer.getInt(12) == 11;
        return ok ? Probe.ok() : Probe.unsupported("sun.misc.Unsafe atomics on a direct buffer gave wrong results");
    }

    /** The address of {@code buffer}'s element 0 (a direct buffer). Only after {@link #PROBE} passed. */
    static long address(ByteBuffer buffer) {
        try {
            return (long) BUFFER_ADDRESS.invokeExact((Object) buffer);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static int getIntVolatile(long address) {
        try {
            return (int) GET_INT_VOLATILE.invokeExact(address);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static void putIntVolatile(long address, int value) {
        try {
            PUT_INT_VOLATILE.invokeExact(address, value);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static void putOrderedInt(long address, int value) {
        try {
            PUT_INT_ORDERED.invokeExact(address, value);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static int getAndAddInt(long address, int delta) {
        try {
            return (int) GET_AND_ADD_INT.invokeExact(address, delta);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static boolean compareAndSwapInt(long address, int expected, int value) {
        try {
            return (boolean) CAS_INT.invokeExact(address, expected, value);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static long getLongVolatile(long address) {
        try {
            return (long) GET_LONG_VOLATILE.invokeExact(address);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static void putLongVolatile(long address, long value) {
        try {
            PUT_LONG_VOLATILE.invokeExact(address, value);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static long getAndAddLong(long address, long delta) {
        try {
            return (long) GET_AND_ADD_LONG.invokeExact(address, delta);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static boolean compareAndSwapLong(long address, long expected, long value) {
        try {
            return (boolean) CAS_LONG.invokeExact(address, expected, value);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Unsafe's memory methods throw no checked exceptions; anything else is a bug worth seeing. */
    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        throw new IllegalStateException("unexpected checked exception from sun.misc.Unsafe", e);
    }
}
