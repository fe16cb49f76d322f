package io.mpmetrics.types;

import io.mpmetrics.generics.IntType;
import io.mpmetrics.generics.TypeRegistry;
import io.mpmetrics.spi.LayoutFamily;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mpmetrics.spi.LayoutFamily.LOCKING;
import static io.mpmetrics.spi.LayoutFamily.LOCK_FREE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StructTypeTest {
    static final StructType<Struct> MY_STRUCT = Struct.builder("MyStruct")
            .field("a", Types.DOUBLE)
            .field("b", Types.SIZE_T)
            .build();

    @Test
    void theSpecExample() {
        for (LayoutFamily f : LayoutFamily.values()) {
            assertEquals(DoubleValue.SIZE + SizeT.SIZE, MY_STRUCT.size(f));
            assertEquals(0, MY_STRUCT.offset("a", f));
            assertEquals(8, MY_STRUCT.offset("b", f));
        }
        assertEquals(List.of("a", "b"), MY_STRUCT.fields().stream().map(StructType.Field::name).toList());
    }

    @Test
    void theJavadocDiagram() {
        StructType<Struct> data = Struct.builder("Data").field("count", Types.ATOMIC_UINT32).field("sum", Types.DOUBLE).build();
        assertEquals(8, data.offset("sum", LOCK_FREE));
        assertEquals(16, data.size(LOCK_FREE));
        assertEquals(24, data.offset("sum", LOCKING));
        assertEquals(32, data.size(LOCKING));
    }

    @Test
    void theSpecSummaryLayout() {
        StructType<Struct> summaryData = Struct.builder("SummaryData")
                .field("sum", Types.ATOMIC_DOUBLE).field("count", Types.ATOMIC_UINT64).build();
        StructType<Struct> summary = Struct.builder("Summary")
                .field("lock", Types.LOCK)
                .field("data", Types.array(summaryData, 2))
                .field("count", Types.ATOMIC_UINT64)
                .field("created", Types.DOUBLE)
                .build();
        // lock 16 | data 2 x 16 | count 8 | created 8
        assertEquals(List.of(0, 16, 48, 56), offsets(summary, LOCK_FREE));
        assertEquals(64, summary.size(LOCK_FREE));
        // lock 16 | data 2 x 48 | count 24 | created 8
        assertEquals(List.of(0, 16, 112, 136), offsets(summary, LOCKING));
        assertEquals(144, summary.size(LOCKING));
    }

    @Test
    void paddingFollowsAlignment() {
        StructType<Struct> s = Struct.builder("Padded")
                .field("i", Types.ATOMIC_INT32)
                .field("d", Types.DOUBLE)
                .field("j", Types.ATOMIC_UINT32)
                .build();
        assertEquals(List.of(0, 8, 16), offsets(s, LOCK_FREE));
        assertEquals(24, s.size(LOCK_FREE), "rounded up to the 8-byte alignment");
        StructType<Struct> small = Struct.builder("Small").field("i", Types.ATOMIC_INT32).field("j", Types.ATOMIC_INT32).build();
        assertEquals(8, small.size(LOCK_FREE));
        assertEquals(4, small.alignment(LOCK_FREE));
    }

    @Test
    void badDeclarationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Struct.builder("Empty").build());
        assertThrows(IllegalArgumentException.class, () -> Struct.builder("Dup").field("a", Types.DOUBLE).field("a", Types.INT64));
        assertThrows(IllegalArgumentException.class, () -> Struct.builder("NoName").field("", Types.DOUBLE));
        assertThrows(IllegalArgumentException.class, () -> Struct.builder("Bad Name"));
        assertThrows(IllegalArgumentException.class, () -> Struct.builder("x@y"));
        assertThrows(IllegalArgumentException.class, () -> MY_STRUCT.field("c"));
        assertThrows(IndexOutOfBoundsException.class, () -> MY_STRUCT.offset(2, LOCK_FREE));
    }

    @Test
    void registeredStructsResolveAndConflictsAreRefused() {
        TypeRegistry registry = Types.newRegistry().register(MY_STRUCT);
        assertSame(MY_STRUCT, Types.resolve(registry, "MyStruct"));
        assertSame(Types.array(MY_STRUCT, 3), Types.resolve(registry, "Array[MyStruct,3]"));
        StructType<Struct> same = Struct.builder("MyStruct").field("a", Types.DOUBLE).field("b", Types.SIZE_T).build();
        assertEquals(MY_STRUCT, same);
        registry.register(same); // an equal definition is fine
        assertSame(Types.array(MY_STRUCT, 3), Types.array(same, 3), "equal structs are the same argument");
        StructType<Struct> other = Struct.builder("MyStruct").field("a", Types.DOUBLE).build();
        assertNotEquals(MY_STRUCT, other);
        assertThrows(IllegalArgumentException.class, () -> registry.register(other));
    }

    @Test
    void structsFromATypeConstructorResolveByName() {
        // The spec's _HistogramData[bucket_count]: one struct type per bucket count.
        IntType<StructType<Struct>> histogramData = IntType.of("HistogramData", (name, n) -> Struct.builder(name)
                .field("buckets", Types.array(Types.ATOMIC_UINT64, (int) n))
                .field("sum", Types.ATOMIC_DOUBLE)
                .field("count", Types.ATOMIC_UINT64)
                .build());
        StructType<Struct> fifteen = histogramData.get(15);
        assertEquals("HistogramData[15]", fifteen.name());
        assertEquals(17 * 8, fifteen.size(LOCK_FREE));
        assertEquals(17 * 24, fifteen.size(LOCKING));
        TypeRegistry registry = Types.newRegistry().register(histogramData);
        assertSame(fifteen, Types.resolve(registry, "HistogramData[15]"));
        assertSame(Types.array(fifteen, 2), Types.resolve(registry, "Array[HistogramData[15],2]"));
        assertThrows(IllegalArgumentException.class, () -> Types.resolve(registry, "HistogramData[0]"),
                "Array[AtomicUInt64,0] is refused inside the factory");
    }

    private static List<Integer> offsets(StructType<?> s, LayoutFamily f) {
        return s.fields().stream().map(x -> s.offset(x.index(), f)).toList();
    }
}
