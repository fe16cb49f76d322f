package io.mpmetrics.types;

import io.mpmetrics.spi.LayoutFamily;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayTypeTest {
    @Test
    void theSpecExample() {
        ArrayType<DoubleValue> five = Array.of(Types.DOUBLE, 5);
        assertEquals("Array[Double,5]", five.name());
        for (LayoutFamily f : LayoutFamily.values()) {
            assertEquals(DoubleValue.SIZE * 5, five.size(f));
            assertEquals(8, five.alignment(f));
        }
        assertSame(five, Array.of(Types.DOUBLE, 5), "memoized");
        assertSame(five, Types.resolve("Array[Double,5]"));
        assertNotSame(five, Array.of(Types.DOUBLE, 6));
    }

    @Property
    void badSizesAreRefused(@ForAll @IntRange(min = Integer.MIN_VALUE, max = 0) int n) {
        assertThrows(IllegalArgumentException.class, () -> Array.of(Types.SIZE_T, n));
        assertThrows(IllegalArgumentException.class, () -> Types.resolve("Array[Size_t," + n + "]"));
    }

    @Test
    void lengthsBeyondAnIntAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Array.TYPE.get(Types.SIZE_T, 1L << 31));
        assertThrows(IllegalArgumentException.class, () -> Types.resolve("Array[Size_t,9223372036854775807]"));
    }

    @Property
    void sizeTArraysHoldNElements(@ForAll @IntRange(min = 1, max = 1 << 20) int n) {
        assertTrue(Array.of(Types.SIZE_T, n).size(LayoutFamily.LOCK_FREE) >= (long) n * SizeT.SIZE);
    }

    @Property
    void sizeTArraysHoldNElementsOrAreTooLarge(@ForAll @IntRange(min = 1) int n) {
        ArrayType<SizeT> a = Array.of(Types.SIZE_T, n);
        if ((long) n * SizeT.SIZE <= Integer.MAX_VALUE - 64) {
            assertTrue(a.size(LayoutFamily.LOCKING) >= (long) n * SizeT.SIZE);
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.size(LayoutFamily.LOCKING));
            assertTrue(e.getMessage().contains("too large"), e.getMessage());
        }
    }

    @Test
    void strideRoundsUpToTheElementAlignment() {
        StructType<Struct> odd = Struct.builder("Odd").field("a", Types.ATOMIC_INT32).build();
        ArrayType<Struct> three = Array.of(odd, 3);
        assertEquals(4, three.stride(LayoutFamily.LOCK_FREE));
        assertEquals(12, three.size(LayoutFamily.LOCK_FREE));
        assertEquals(24, three.stride(LayoutFamily.LOCKING));
        assertEquals(72, three.size(LayoutFamily.LOCKING));
    }

    @Test
    void aTypeMayBeTooLargeInOneFamilyOnly() {
        // 100M 8-byte atomics fit in 2 GiB lock-free, not with a lock beside each one.
        ArrayType<?> big = Array.of(Types.ATOMIC_INT64, 100_000_000);
        assertEquals(800_000_000, big.size(LayoutFamily.LOCK_FREE));
        assertThrows(IllegalArgumentException.class, () -> big.size(LayoutFamily.LOCKING));
        StructType<Struct> holder = Struct.builder("Holder").field("big", big).build();
        assertEquals(800_000_000, holder.size(LayoutFamily.LOCK_FREE));
        assertThrows(IllegalArgumentException.class, () -> holder.size(LayoutFamily.LOCKING));
        assertThrows(IllegalArgumentException.class, () -> Array.of(big, 3).size(LayoutFamily.LOCK_FREE));
    }
}
