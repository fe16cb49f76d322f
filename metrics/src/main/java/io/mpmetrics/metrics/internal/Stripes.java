package io.mpmetrics.metrics.internal;

/**
 * Which stripe (cell) of a series the calling thread writes. Threads of one process get
 * different stripes as far as the count allows (consecutive thread ids), and processes are
 * offset by their slot, so that writers rarely share a cache line.
 */
public final class Stripes {
    /** The default number of stripes per series ({@value}); see {@link #count()}. */
    public static final int DEFAULT = 4;
    /** The most stripes a series may have. */
    public static final int MAX = 64;
    /** System property overriding {@link #DEFAULT} for series this process creates. */
    public static final String PROPERTY = "mpmetrics.stripes";

    private static volatile int salt;

    private Stripes() {
    }

    /**
     * Sets this process's salt from its liveness token: the process slot, so that processes
     * attached at the same time (slots 0, 1, 2, ...) start on different stripes.
     */
    public static void salt(int processToken) {
        salt = Math.max(0, io.mpmetrics.heap.HeapHeader.slotOf(processToken));
    }

    /** A stripe index for the calling thread; callers mask it with {@code stripes - 1}. */
    public static int index() {
        // Thread ids are handed out in order, so threads started together (a pool, JMH's
        // workers) land on consecutive, hence different, stripes; the process slot shifts each
        // process's threads the same way.
        return (int) Thread.currentThread().getId() + salt;
    }

    /** The stripe count for new series: {@value #PROPERTY} if set (a power of two, 1..{@value #MAX}), else {@value #DEFAULT}. */
    public static int count() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null) {
            return DEFAULT;
        }
        int n;
        try {
            n = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a power of two from 1 to " + MAX + ", got "
                    + configured);
        }
        if (!valid(n)) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a power of two from 1 to " + MAX + ", got " + n);
        }
        return n;
    }

    /** Whether {@code n} is an acceptable stripe count. */
    public static boolean valid(int n) {
        return n >= 1 && n <= MAX && (n & (n - 1)) == 0;
    }
}
