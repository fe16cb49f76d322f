package io.mpmetrics.generics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeNameTest {
    @Test
    void splitsTopLevelArguments() {
        TypeName n = TypeName.parse("Array[Struct[Double,Array[Size_t,2]],5]");
        assertEquals("Array", n.base());
        assertEquals(List.of("Struct[Double,Array[Size_t,2]]", "5"), n.args());
        assertTrue(n.isParameterized());
        assertEquals("Array[Struct[Double,Array[Size_t,2]],5]", n.toString());
    }

    @Test
    void plainAndEmptyArgumentLists() {
        TypeName plain = TypeName.parse("Size_t");
        assertFalse(plain.isParameterized());
        assertNull(plain.args());
        assertEquals(List.of(), TypeName.parse("H[]").args());
        assertEquals(List.of("-1.0E-4", "Infinity"), TypeName.parse("F[-1.0E-4,Infinity]").args());
    }

    @Test
    void malformedNamesAreRefused() {
        for (String bad : new String[] {"", "[", "A[", "A]", "A[1,,2]", "A[,1]", "A[1,]", "A[ 1]", "A[1]]", "A[[1]",
                "A[b]c", "A[b][c]", "1A", "A B", "A[b c]", "A@B", "A:B", "A[x@y]", "Ä", "A[1/2]", "A\u0000"}) {
            assertThrows(IllegalArgumentException.class, () -> TypeName.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> TypeName.parse(null));
    }

    @Test
    void lengthAndNestingAreBounded() {
        String deep = "A[".repeat(TypeName.MAX_DEPTH + 1) + "1" + "]".repeat(TypeName.MAX_DEPTH + 1);
        assertThrows(IllegalArgumentException.class, () -> TypeName.parse(deep));
        String ok = "A[".repeat(TypeName.MAX_DEPTH) + "1" + "]".repeat(TypeName.MAX_DEPTH);
        assertEquals("A", TypeName.parse(ok).base());
        String longName = "A".repeat(TypeName.MAX_LENGTH + 1);
        assertThrows(IllegalArgumentException.class, () -> TypeName.parse(longName));
    }
}
