package io.mpmetrics.spi;

import io.mpmetrics.heap.Region;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An {@link Int32Word} through a byte-buffer view {@link VarHandle} in native order: what the
 * varhandle backend and the locking backend (whose only atomic is this 32-bit word) share.
 *
 * <pre>{@code
 * Int32Word word = VarHandleInt32Word.at(region, 0);   // bounds and 4-byte alignment checked
 * word.compareAndSet(0, 1);
 * }</pre>
 */
public final class VarHandleInt32Word implements Int32Word {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;
    private final int index;

    private VarHandleInt32Word(ByteBuffer buffer, int index) {
        this.buffer = buffer;
        this.index = index;
    }

    /**
     * The word at {@code offset} of {@code region}.
     *
     * @throws IndexOutOfBoundsException if it does not lie in the region
     * @throws IllegalArgumentException if its address is not 4-byte aligned
     */
    public static Int32Word at(Region region, int offset) {
        return new VarHandleInt32Word(region.buffer(), region.index(offset, Integer.BYTES, Integer.BYTES));
    }

    @Override
    public int getVolatile() {
        return (int) INT.getVolatile(buffer, index);
    }

    @Override
    public void setVolatile(int value) {
        INT.setVolatile(buffer, index, value);
    }

    @Override
    public void setRelease(int value) {
        INT.setRelease(buffer, index, value);
    }

    @Override
    public boolean compareAndSet(int expected, int value) {
        return INT.compareAndSet(buffer, index, expected, value);
    }
}
