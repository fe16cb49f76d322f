package io.mpmetrics.lock;

/**
 * Who this process is, and whether another process is still alive, in the terms a
 * {@link SharedLock} records: a non-zero 32-bit token per attached process. A heap file
 * implements it with a kernel-released per-process {@code FileLock} (see
 * {@code io.mpmetrics.heap.Heap}); memory that no other process sees uses {@link #LOCAL}.
 */
public interface ProcessLiveness {
    /** The liveness of memory private to this JVM: one token, always alive. */
    ProcessLiveness LOCAL = new ProcessLiveness() {
        @Override
        public int currentToken() {
            return 1;
        }

        @Override
        public boolean isAlive(int token) {
            return true;
        }

        @Override
        public String describe(int token) {
            return "this process";
        }
    };

    /** The non-zero token that stands for this process in lock words. */
    int currentToken();

    /**
     * Whether the process that {@code token} stands for may still be alive. {@code false}
     * only when it is certainly gone (its lock may then be taken over).
     */
    boolean isAlive(int token);

    /**
     * This process's slot (0..4094) among the processes attached to the memory: a short
     * identity that fits into a sequence word.
     */
    default int currentSlot() {
        return 0;
    }

    /**
     * Whether some live process holds {@code slot}. {@code false} means whoever held it is
     * certainly gone; {@code true} may also mean that a newer process took the slot over.
     */
    default boolean isSlotInUse(int slot) {
        return true;
    }

    /** A human-readable description of {@code token}, for messages. */
    default String describe(int token) {
        return "process token 0x" + Integer.toHexString(token);
    }
}
