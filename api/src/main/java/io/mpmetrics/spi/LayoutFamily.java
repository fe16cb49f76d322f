package io.mpmetrics.spi;

import io.mpmetrics.lock.SharedLock;

/**
 * How a backend lays out its atomics in memory. Backends of one family may share a file;
 * a file records its family in its header and a backend of the other family refuses it.
 *
 * <pre>
 * LOCK_FREE   ATOMIC_INT64:  +0 value (8 bytes)
 * LOCKING     ATOMIC_INT64:  +0 SharedLock (16 bytes) | +16 value (8 bytes)
 * </pre>
 *
 * <p>The {@link SharedLock} itself is the same 16 bytes in both families (it only needs a
 * 32-bit compare-and-set).
 */
public enum LayoutFamily {
    /** Values are updated with the processor's atomic instructions (varhandle, unsafe). */
    LOCK_FREE(1),
    /** Every value sits behind its own lock: no 64-bit atomic instruction is used. */
    LOCKING(2);

    /** In the {@code LOCKING} family, the offset of the value behind its lock. */
    public static final int LOCKED_VALUE_OFFSET = SharedLock.SIZE;

    private final int id;

    LayoutFamily(int id) {
        this.id = id;
    }

    /** The number recorded in a heap file's header. */
    public int id() {
        return id;
    }

    /**
     * The family recorded as {@code id}.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static LayoutFamily ofId(int id) {
        for (LayoutFamily f : values()) {
            if (f.id == id) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown layout family id " + id);
    }

    /** The size in bytes of {@code kind} in this family. */
    public int sizeOf(SharedKind kind) {
        int value = valueSize(kind);
        if (kind == SharedKind.LOCK) {
            return SharedLock.SIZE;
        }
        return this == LOCK_FREE ? value : LOCKED_VALUE_OFFSET + Math.max(value, 8);
    }

    /** The alignment in bytes of {@code kind} in this family. */
    public int alignmentOf(SharedKind kind) {
        if (kind == SharedKind.LOCK || this == LOCKING) {
            return 8;
        }
        return valueSize(kind);
    }

    private static int valueSize(SharedKind kind) {
        switch (kind) {
            case ATOMIC_INT32:
            case ATOMIC_UINT32:
                return 4;
            default:
                return 8;
        }
    }
}
