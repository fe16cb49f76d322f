package io.mpmetrics.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegionAllocateTest {
    /**
     * A size that is not a multiple of 64 used to come back short whenever the direct buffer's
     * address was not 64-aligned (about one call in four): alignedSlice also rounds the end down.
     */
    @Test
    void allocateAlwaysGivesTheWholeSizeAligned() {
        for (int size : new int[] {1, 63, 64, 65, 96, 100, 127, 4097}) {
            for (int i = 0; i < 64; i++) {
                Region r = Region.allocate(size);
                assertEquals(size, r.length());
                assertEquals(size, r.buffer().capacity());
                assertEquals(0, r.buffer().alignmentOffset(0, 64), "64-byte aligned");
                r.putByte(size - 1, (byte) 1);
            }
        }
    }
}
