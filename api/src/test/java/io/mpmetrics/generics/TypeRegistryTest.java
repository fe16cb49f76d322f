package io.mpmetrics.generics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeRegistryTest {
    private static final Thing UNIT = new Thing("Unit", List.of());
    private static final IntType<Thing> INTS = IntType.of("I", (name, n) -> new Thing(name, List.of(n)));
    private static final FloatType<Thing> FLOATS = FloatType.of("F", (name, x) -> new Thing(name, List.of(x)));
    private static final ObjectType<Thing, Thing> OBJECTS = ObjectType.of("O", Thing.class,
            (name, t) -> new Thing(name, List.of(t)));
    private static final ProductType<Thing> PRODUCTS = ProductType.of("P",
            List.of(Param.object(Thing.class), Param.INT, Param.FLOAT), (name, args) -> new Thing(name, args));
    private static final ListType<Thing, Thing> LISTS = ListType.of("L", Param.object(Thing.class),
            (name, xs) -> new Thing(name, List.copyOf(xs)));

    private static TypeRegistry registry() {
        return new TypeRegistry().register(UNIT).register(INTS).register(FLOATS).register(OBJECTS).register(PRODUCTS)
                .register(LISTS);
    }

    @Property(tries = 300)
    void everyNameResolvesToTheSameInstance(@ForAll("things") Supplier<Thing> make) {
        Thing thing = make.get();
        TypeRegistry registry = registry();
        assertSame(thing, registry.resolve(thing.name()));
        assertSame(thing, new TypeRegistry(registry).resolve(thing.name(), Thing.class));
        assertEquals(thing.name(), TypeName.parse(thing.name()).toString());
    }

    @Provide
    Arbitrary<Supplier<Thing>> things() {
        return thing(3);
    }

    private Arbitrary<Supplier<Thing>> thing(int depth) {
        Arbitrary<Supplier<Thing>> leaves = Arbitraries.oneOf(
                Arbitraries.just(() -> UNIT),
                Arbitraries.longs().map(n -> () -> INTS.get(n)),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.NEGATIVE_INFINITY)
                        .withSpecialValue(-0.0).map(x -> () -> FLOATS.get(x)));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Supplier<Thing>> inner = thing(depth - 1);
        return Arbitraries.oneOf(leaves,
                inner.map(t -> () -> OBJECTS.get(t.get())),
                net.jqwik.api.Combinators.combine(inner, Arbitraries.longs(), Arbitraries.doubles())
                        .as((t, n, x) -> () -> PRODUCTS.get(t.get(), n, x)),
                inner.list().ofMaxSize(4).map(ts -> () -> LISTS.get(ts.stream().map(Supplier::get).toArray(Thing[]::new))));
    }

    @Test
    void unknownNamesSayWhatIsKnown() {
        UnknownTypeException e = assertThrows(UnknownTypeException.class, () -> registry().resolve("P[Nope,1,1.0]"));
        assertEquals("Nope", e.typeName());
        assertTrue(e.getMessage().contains("Unit") && e.getMessage().contains("P[...]"), e.getMessage());
        UnknownTypeException bare = assertThrows(UnknownTypeException.class, () -> registry().resolve("I"));
        assertTrue(bare.getMessage().contains("needs arguments"), bare.getMessage());
        assertThrows(UnknownTypeException.class, () -> registry().resolve("Unit[1]"));
    }

    /** A value with structural equality. */
    record Tag(String name) implements Named {
    }

    @Test
    void aTakenNameCannotBeReplaced() {
        TypeRegistry registry = registry();
        Tag first = new Tag("Seconds");
        registry.register(first).register(first).register(new Tag("Seconds"));
        assertSame(first, registry.resolve("Seconds"), "an equal value does not replace the first");
        assertThrows(IllegalArgumentException.class, () -> registry.register(new Thing("Unit", List.of())));
        assertThrows(IllegalArgumentException.class, () -> registry.register(IntType.of("I", (n, x) -> UNIT)));
        registry.register(INTS);
        assertThrows(IllegalArgumentException.class, () -> registry.register(INTS.get(1)),
                "a constructed name is resolved through its constructor");
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("Unit", IntType.class));
    }

    @Test
    void aCopyIsIndependent() {
        TypeRegistry original = new TypeRegistry().register(UNIT);
        TypeRegistry copy = new TypeRegistry(original).register(INTS);
        assertTrue(copy.contains("Unit") && copy.contains("I"));
        assertThrows(UnknownTypeException.class, () -> original.resolve("I[1]"));
    }
}
