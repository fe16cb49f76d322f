package io.mpmetrics.util;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitsTest {
    @Test
    void alignExamples() {
        assertEquals(0, Bits.align(0L, 8));
        assertEquals(8, Bits.align(1L, 8));
        assertEquals(8, Bits.align(8L, 8));
        assertEquals(16, Bits.align(13L, 8));
        assertEquals(8, Bits.alignDown(13L, 8));
        assertEquals(64, Bits.align(1, 64));
    }

    @Test
    void alignRejectsBadAlignment() {
        assertThrows(IllegalArgumentException.class, () -> Bits.align(5L, 3));
        assertThrows(IllegalArgumentException.class, () -> Bits.align(5L, 0));
        assertThrows(IllegalArgumentException.class, () -> Bits.alignDown(5L, -8));
        assertThrows(ArithmeticException.class, () -> Bits.align(Long.MAX_VALUE, 8));
    }

    @Test
    void genmaskIsInclusiveAtBothEnds() {
        assertEquals(Long.MAX_VALUE, Bits.genmask(62, 0));
        assertEquals(-1L, Bits.genmask(63, 0));
        assertEquals(Long.MIN_VALUE, Bits.genmask(63, 63));
        assertEquals(1L, Bits.genmask(0, 0));
        assertEquals(0xF0L, Bits.genmask(7, 4));
        assertThrows(IllegalArgumentException.class, () -> Bits.genmask(3, 4));
        assertThrows(IllegalArgumentException.class, () -> Bits.genmask(64, 0));
        assertThrows(IllegalArgumentException.class, () -> Bits.genmask(3, -1));
    }

    @Property
    void genmaskMatchesTheLoop(@ForAll @IntRange(min = 0, max = 63) int a, @ForAll @IntRange(min = 0, max = 63) int b) {
        int hi = Math.max(a, b);
        int lo = Math.min(a, b);
        long mask = 0;
        for (int n = lo; n <= hi; n++) {
            mask |= 1L << n;
        }
        assertEquals(mask, Bits.genmask(hi, lo));
    }

    @Property
    void alignIsTheSmallestMultipleNotBelow(@ForAll @LongRange(min = 0, max = 1L << 50) long x,
                                            @ForAll @IntRange(min = 0, max = 12) int shift) {
        long a = 1L << shift;
        long up = Bits.align(x, a);
        long down = Bits.alignDown(x, a);
        assertEquals(0, up % a);
        assertEquals(0, down % a);
        assertTrue(up >= x && up - x < a);
        assertTrue(down <= x && x - down < a);
    }
}
