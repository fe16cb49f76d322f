package io.mpmetrics.types;

import io.mpmetrics.generics.TypeRegistry;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.SharedKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's size/alignment invariants over random nested types, in both layout families. */
class LayoutTest {
    static final List<SharedType<?>> LEAVES = List.of(Types.DOUBLE, Types.INT64, Types.UINT64, Types.SIZE_T,
            Types.ATOMIC_INT32, Types.ATOMIC_UINT32, Types.ATOMIC_INT64, Types.ATOMIC_UINT64, Types.ATOMIC_DOUBLE,
            Types.LOCK, Types.OBJECT, Types.LIST, Types.DICT);

    @Provide
    Arbitrary<SharedType<?>> types() {
        return type(3);
    }

    static Arbitrary<SharedType<?>> type(int depth) {
        Arbitrary<SharedType<?>> leaves = Arbitraries.of(LEAVES);
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<SharedType<?>> inner = type(depth - 1);
        return Arbitraries.oneOf(leaves,
                net.jqwik.api.Combinators.combine(inner, Arbitraries.integers().between(1, 8))
                        .as((t, n) -> Array.of(t, n)),
                inner.list().ofMinSize(1).ofMaxSize(8).map(GenericStruct::of));
    }

    @Property(tries = 400)
    void sizeIsAPositiveMultipleOfAPowerOfTwoAlignment(@ForAll("types") SharedType<?> type) {
        for (LayoutFamily family : LayoutFamily.values()) {
            int size = type.size(family);
            int align = type.alignment(family);
            assertTrue(size > 0 && align > 0 && Integer.bitCount(align) == 1, type + " in " + family);
            assertEquals(0, size % align, type + " in " + family);
            checkComposite(type, family);
        }
    }

    @Property(tries = 400)
    void theLockingLayoutIsNeverSmaller(@ForAll("types") SharedType<?> type) {
        assertTrue(type.size(LayoutFamily.LOCKING) >= type.size(LayoutFamily.LOCK_FREE), type.name());
        assertTrue(type.alignment(LayoutFamily.LOCKING) >= type.alignment(LayoutFamily.LOCK_FREE), type.name());
    }

    @Property(tries = 200)
    void namesResolveToTheSameDescriptor(@ForAll("types") SharedType<?> type) {
        TypeRegistry registry = Types.newRegistry().register(GenericStruct.TYPE);
        assertSame(type, Types.resolve(registry, type.name()));
    }

    private static void checkComposite(SharedType<?> type, LayoutFamily family) {
        if (type instanceof ArrayType) {
            ArrayType<?> array = (ArrayType<?>) type;
            SharedType<?> e = array.elementType();
            int stride = array.stride(family);
            assertEquals(0, stride % e.alignment(family));
            assertTrue(stride >= e.size(family) && stride - e.size(family) < e.alignment(family));
            assertEquals((long) stride * array.length(), type.size(family));
            assertEquals(e.alignment(family), type.alignment(family));
        } else if (type instanceof StructType) {
            StructType<?> struct = (StructType<?>) type;
            int maxAlign = 1;
            int end = 0;
            for (StructType.Field f : struct.fields()) {
                int fa = f.type().alignment(family);
                int off = struct.offset(f.index(), family);
                assertEquals(0, off % fa, "field " + f + " aligned");
                assertTrue(off >= end && off - end < fa, "field " + f + " placed at the first aligned offset");
                end = off + f.type().size(family);
                maxAlign = Math.max(maxAlign, fa);
            }
            assertEquals(maxAlign, type.alignment(family), "alignment is the largest field alignment");
            int size = type.size(family);
            assertTrue(size >= end && size - end < maxAlign, "tail padding only up to the alignment");
        } else {
            assertTrue(LEAVES.contains(type));
            if (type instanceof BackendType) {
                SharedKind kind = ((BackendType<?>) type).kind();
                assertEquals(family.sizeOf(kind), type.size(family));
                assertEquals(family.alignmentOf(kind), type.alignment(family));
            }
        }
    }
}
