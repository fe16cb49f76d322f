package io.mpmetrics.heap;

import io.mpmetrics.lock.ProcessLiveness;
import io.mpmetrics.util.Bits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A bounded window of shared (or private) memory: what the spec calls {@code mem}, the
 * memoryview a {@link Block} dereferences to. Every access is checked against the window,
 * so a read or write outside it is an {@link IndexOutOfBoundsException}, never a stray
 * access to other memory.
 *
 * <p>All values are in the platform's native byte order (the order the atomics use). The
 * plain accessors here are not atomic; use a {@link io.mpmetrics.spi.Backend} for atomics.
 *
 * <pre>{@code
 * Region r = Region.allocate(64);       // private, 64-byte aligned
 * r.putLong(8, 42);
 * Region tail = r.slice(8, 16);
 * assert tail.getLong(0) == 42;
 * }</pre>
 */
public final class Region {
    private final ByteBuffer buffer;
    private final int base;
    private final int length;
    private final long fileOffset;
    private final String source;
    private final ProcessLiveness liveness;

    private Region(ByteBuffer buffer, int base, int length, long fileOffset, String source, ProcessLiveness liveness) {
        this.buffer = buffer;
        this.base = base;
        this.length = length;
        this.fileOffset = fileOffset;
        this.source = source;
        this.liveness = liveness;
    }

    /**
     * A region over the whole of a direct buffer (e.g. one chunk of a mapped file).
     *
     * @param buffer a direct buffer; its position and limit are ignored, its capacity is used
     * @param fileOffset where the buffer starts in its file (0 for private memory)
     * @param source a name for messages, such as the file's path
     * @param liveness the processes sharing this memory
     */
    public static Region of(ByteBuffer buffer, long fileOffset, String source, ProcessLiveness liveness) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("a Region needs a direct buffer (atomics need a stable address)");
        }
        ByteBuffer view = buffer.duplicate().clear().order(ByteOrder.nativeOrder());
        return new Region(view, 0, view.capacity(), fileOffset, Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(liveness, "liveness"));
    }

    /** Fresh zeroed private memory of {@code size} bytes, 64-byte aligned, seen by this JVM only. */
    public static Region allocate(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        // alignedSlice rounds both ends inwards: from a multiple of 64 plus 64 bytes at least that multiple is left.
        ByteBuffer raw = ByteBuffer.allocateDirect(Math.addExact(Bits.align(size, 64), 64));
        ByteBuffer aligned = raw.alignedSlice(64);
        aligned.limit(size);
        return of(aligned.slice(), 0, "private memory", ProcessLiveness.LOCAL);
    }

    /** The number of bytes in this region. */
    public int length() {
        return length;
    }

    /** The processes that share this memory (used by locks). */
    public ProcessLiveness liveness() {
        return liveness;
    }

    /** The file (or other source) this memory belongs to, for messages. */
    public String source() {
        return source;
    }

    /** The position of this region's first byte in its file. */
    public long fileOffset() {
        return fileOffset;
    }

    /**
     * The sub-region {@code [offset, offset + length)}.
     *
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public Region slice(int offset, int length) {
        checkBounds(offset, length);
        return new Region(buffer, base + offset, length, fileOffset + offset, source, liveness);
    }

    /**
     * SPI: the buffer behind this region (native order, shared: use absolute access only,
     * never change its position or limit). Indexes into it come from {@link #index}.
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /**
     * SPI: checks that {@code size} bytes at {@code offset} lie in this region and that their
     * address is a multiple of {@code alignment}, and returns the index of {@code offset} in
     * {@link #buffer()}.
     *
     * @throws IndexOutOfBoundsException if the bytes are not all inside this region
     * @throws IllegalArgumentException if the address is misaligned
     */
    public int index(int offset, int size, int alignment) {
        checkBounds(offset, size);
        int index = base + offset;
        if (alignment > 1 && buffer.alignmentOffset(index, alignment) != 0) {
            throw new IllegalArgumentException("misaligned access: " + size + " bytes at " + describe(offset)
                    + " must be " + alignment + "-byte aligned");
        }
        return index;
    }

    private void checkBounds(int offset, int size) {
        if (offset < 0 || size < 0 || offset > length - size) {
            throw new IndexOutOfBoundsException("access of " + size + " bytes at offset " + offset
                    + " is outside the region of " + length + " bytes at " + describe(0));
        }
    }

    /** "file@position" for the byte at {@code offset}, for messages. */
    public String describe(int offset) {
        return source + " @" + (fileOffset + offset);
    }

    /**
     * Reads the byte at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @return the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public byte getByte(int offset) {
        checkBounds(offset, 1);
        return buffer.get(base + offset);
    }

    /**
     * Writes {@code value} at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @param value the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public void putByte(int offset, byte value) {
        checkBounds(offset, 1);
        buffer.put(base + offset, value);
    }

    /**
     * Reads the int at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @return the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public int getInt(int offset) {
        checkBounds(offset, 4);
        return buffer.getInt(base + offset);
    }

    /**
     * Writes {@code value} at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @param value the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public void putInt(int offset, int value) {
        checkBounds(offset, 4);
        buffer.putInt(base + offset, value);
    }

    /**
     * Reads the long at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @return the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public long getLong(int offset) {
        checkBounds(offset, 8);
        return buffer.getLong(base + offset);
    }

    /**
     * Writes {@code value} at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @param value the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public void putLong(int offset, long value) {
        checkBounds(offset, 8);
        buffer.putLong(base + offset, value);
    }

    /**
     * Reads the double at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @return the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public double getDouble(int offset) {
        checkBounds(offset, 8);
        return buffer.getDouble(base + offset);
    }

    /**
     * Writes {@code value} at {@code offset} (plain, native byte order).
     *
     * @param offset bytes from the start of this region
     * @param value the value
     * @throws IndexOutOfBoundsException if it does not lie inside this region
     */
    public void putDouble(int offset, double value) {
        checkBounds(offset, 8);
        buffer.putDouble(base + offset, value);
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset...]}. */
    public void getBytes(int offset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        checkBounds(offset, length);
        buffer.get(base + offset, dst, dstOffset, length);
    }

    /** Copies {@code src[srcOffset...srcOffset+length)} to {@code offset}. */
    public void putBytes(int offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        checkBounds(offset, length);
        buffer.put(base + offset, src, srcOffset, length);
    }

    /** Sets {@code length} bytes at {@code offset} to {@code value}. */
    public void fill(int offset, int length, byte value) {
        checkBounds(offset, length);
        for (int i = 0; i < length; i++) {
            buffer.put(base + offset + i, value);
        }
    }

    @Override
    public String toString() {
        return "Region[" + describe(0) + ", " + length + " bytes]";
    }
}
