package io.mpmetrics.heap;

import io.mpmetrics.lock.SharedLock;

/**
 * The layout of a heap file's header, at offset 0 of the file, in the platform's native
 * byte order. Public so that tools in other processes (or languages) can read a file.
 *
 * <pre>
 *   0  long   MAGIC            "MPMETRIC"; written last when a file is initialized
 *   8  int    FORMAT_VERSION   {@value #FORMAT_VERSION}
 *  12  int    LAYOUT_FAMILY    {@link io.mpmetrics.spi.LayoutFamily#id()}
 *  16  int    BYTE_ORDER_MARK  {@value #BYTE_ORDER_MARK} as written natively
 *  20  int    HEADER_SIZE      {@value #HEADER_SIZE}
 *  24  long   MAP_SIZE         the chunk size; a power of two, at least {@value #PAGE_SIZE}
 *  32  lock   HEAP_LOCK        a {@link SharedLock} (16 bytes) guarding BASE and ROOTS
 *  48  long   BASE             the end of allocated memory (the next free byte)
 *  56  int    SLOT_COUNT       {@value #SLOT_COUNT}
 *  60  int    (reserved)
 *  64  long[8] ROOTS           offsets of well-known objects (0 = none), set once
 * 128  int[SLOT_COUNT] SLOT_GENERATIONS   per process slot, its current generation
 * </pre>
 *
 * <p>Allocated blocks start at {@link #DATA_START}. The header (and any chunk it reaches
 * into) is mapped as one piece of {@code align(HEADER_SIZE, MAP_SIZE)} bytes.
 *
 * <p><b>Process slots.</b> Every process attached to the file holds an exclusive
 * {@link java.nio.channels.FileLock} on the byte {@code SLOT_LOCK_BASE + slot} (far beyond
 * the end of the file; it locks no data). The kernel releases it when the process dies, which
 * is how a waiter knows that a lock holder is gone. A process's lock token is
 * {@code generation << 12 | (slot + 1)}; the generation in {@code SLOT_GENERATIONS} changes
 * every time a slot is claimed, so a token never names the slot's next owner.
 */
public final class HeapHeader {
    private HeapHeader() {
    }

    /** "MPMETRIC" in ASCII, read as a big-endian long; stored natively. */
    public static final long MAGIC = 0x4D504D4554524943L;
    /** The format this library writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Reads back as itself only in the byte order it was written in. */
    public static final int BYTE_ORDER_MARK = 0x01020304;
    /** The smallest map size (map sizes are powers of two, so multiples of it). */
    public static final int PAGE_SIZE = 4096;
    /** The largest chunk size (mappings are limited to 2 GiB). */
    public static final long MAX_MAP_SIZE = 1L << 30;

    /** Offset of {@link #MAGIC} (long). */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version (int, {@link #FORMAT_VERSION}). */
    public static final int FORMAT_VERSION_OFFSET = 8;
    /** Offset of the layout family's id (int, {@link io.mpmetrics.spi.LayoutFamily#id()}). */
    public static final int LAYOUT_FAMILY_OFFSET = 12;
    /** Offset of {@link #BYTE_ORDER_MARK} as written natively (int). */
    public static final int BYTE_ORDER_OFFSET = 16;
    /** Offset of the header size (int, {@link #HEADER_SIZE}). */
    public static final int HEADER_SIZE_OFFSET = 20;
    /** Offset of the map (chunk) size (long). */
    public static final int MAP_SIZE_OFFSET = 24;
    /** Offset of the heap's {@link SharedLock}, which guards BASE and the roots. */
    public static final int LOCK_OFFSET = 32;
    /** Offset of BASE, the end of allocated memory (long). */
    public static final int BASE_OFFSET = LOCK_OFFSET + SharedLock.SIZE;
    /** Offset of the number of process slots (int, {@link #SLOT_COUNT}). */
    public static final int SLOT_COUNT_OFFSET = 56;
    /** Offset of the {@link #ROOT_COUNT} root slots (longs: offsets of well-known objects, 0 = none). */
    public static final int ROOTS_OFFSET = 64;
    /** The number of root slots. */
    public static final int ROOT_COUNT = 8;
    /** Offset of the per-slot generations (ints, {@link #SLOT_COUNT} of them). */
    public static final int SLOT_GENERATIONS_OFFSET = 128;
    /** The most processes that can be attached to one file at once (token bits: 12). */
    public static final int SLOT_COUNT = 4095;
    /** Bytes used by the header. */
    public static final int HEADER_SIZE = SLOT_GENERATIONS_OFFSET + 4 * SLOT_COUNT + 4;
    /** Where allocation starts. */
    public static final long DATA_START = (HEADER_SIZE + 63) & ~63L;
    /** File-lock position of process slot 0 (a byte range beyond any real file size). */
    public static final long SLOT_LOCK_BASE = 1L << 40;
    /** File-lock position held while a file is being created or validated. */
    public static final long INIT_LOCK_POSITION = SLOT_LOCK_BASE - 1;
    /** Generations are 20 bits. */
    public static final int GENERATION_MASK = (1 << 20) - 1;

    /** The token for {@code slot} at {@code generation}. */
    public static int token(int slot, int generation) {
        return (generation & GENERATION_MASK) << 12 | (slot + 1);
    }

    /** The slot a token names, or -1 if none. */
    public static int slotOf(int token) {
        int slot = (token & 0xFFF) - 1;
        return slot < SLOT_COUNT ? slot : -1;
    }

    /** The generation a token carries. */
    public static int generationOf(int token) {
        return token >>> 12;
    }
}
