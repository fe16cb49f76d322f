package io.mpmetrics.generics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeConstructorTest {
    private final AtomicInteger built = new AtomicInteger();
    private final IntType<Thing> ints = IntType.of("MyClass", (name, n) -> thing(name, n));
    private final FloatType<Thing> floats = FloatType.of("MyFloat", (name, x) -> thing(name, x));
    private final ObjectType<Thing, Thing> objects = ObjectType.of("MyObject", Thing.class, (name, t) -> thing(name, t));
    private final ProductType<Thing> products = ProductType.of("MyProduct", List.of(Param.object(Thing.class), Param.INT),
            (name, args) -> thing(name, args.toArray()));
    private final ListType<Long, Thing> lists = ListType.of("MyList", Param.INT, (name, xs) -> thing(name, xs.toArray()));
    private final TypeRegistry registry = new TypeRegistry()
            .register(ints).register(floats).register(objects).register(products).register(lists);

    private Thing thing(String name, Object... args) {
        built.incrementAndGet();
        return new Thing(name, List.of(args));
    }

    @Test
    void intTypeAsInTheSpec() {
        Thing five = ints.get(5);
        assertEquals("MyClass[5]", five.name());
        assertEquals(List.of(5L), five.args());
        assertSame(five, ints.get(5));
        assertSame(five, registry.resolve("MyClass[5]"));
        assertEquals(1, built.get(), "the factory runs once per argument");
        assertEquals("MyClass[-7]", ints.get(-7).name());
        assertNotSame(five, ints.get(6));
    }

    @Test
    void floatTypeAsInTheSpec() {
        Thing x = floats.get(2.7);
        assertEquals("MyFloat[2.7]", x.name());
        assertEquals(List.of(2.7), x.args());
        assertSame(x, registry.resolve("MyFloat[2.7]"));
        for (double d : new double[] {0.0, -0.0, 1e-4, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE}) {
            Thing t = floats.get(d);
            assertSame(t, registry.resolve(t.name()), t.name());
        }
        assertNotSame(floats.get(0.0), floats.get(-0.0));
        assertEquals("MyFloat[-Infinity]", floats.get(Double.NEGATIVE_INFINITY).name());
    }

    @Test
    void objectTypeAsInTheSpec() {
        Thing inner = ints.get(3);
        Thing outer = objects.get(inner);
        assertEquals("MyObject[MyClass[3]]", outer.name());
        assertSame(inner, outer.args().get(0));
        assertSame(outer, registry.resolve("MyObject[MyClass[3]]"));
        assertSame(objects.get(outer), registry.resolve("MyObject[MyObject[MyClass[3]]]"));
    }

    @Test
    void productTypeAsInTheSpec() {
        Thing inner = ints.get(1);
        Thing p = products.get(inner, 5);
        assertEquals("MyProduct[MyClass[1],5]", p.name());
        assertEquals(List.of(inner, 5L), p.args());
        assertSame(p, products.get(inner, 5L), "Integer and Long arguments are the same argument");
        assertSame(p, registry.resolve("MyProduct[MyClass[1],5]"));
        Thing nested = products.get(p, 2);
        assertSame(nested, registry.resolve("MyProduct[MyProduct[MyClass[1],5],2]"));
    }

    @Test
    void listTypeAsInTheSpec() {
        Thing xs = lists.get(1L, 2L, 3L);
        assertEquals("MyList[1,2,3]", xs.name());
        assertEquals(List.of(1L, 2L, 3L), xs.args());
        assertSame(xs, lists.get(List.of(1, 2, 3)));
        assertSame(xs, registry.resolve("MyList[1,2,3]"));
        Thing empty = lists.get(List.of());
        assertEquals("MyList[]", empty.name());
        assertSame(empty, registry.resolve("MyList[]"));
        assertNotSame(xs, lists.get(3L, 2L, 1L));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> products.get(ints.get(1)), "arity");
        assertThrows(IllegalArgumentException.class, () -> products.get(5, ints.get(1)), "kinds swapped");
        assertThrows(IllegalArgumentException.class, () -> products.get(ints.get(1), 2.5), "float for int");
        assertThrows(IllegalArgumentException.class, () -> lists.get(List.of(1L, "x")));
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyClass[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyClass[x]"));
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyClass[+5]"), "not canonical");
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyClass[05]"), "not canonical");
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyFloat[2.70]"), "not canonical");
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyFloat[1e3]"), "not canonical");
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyClass[99999999999999999999]"));
        assertThrows(IllegalArgumentException.class, () -> registry.resolve("MyObject[MyFloat]"), "a constructor is not a value");
        assertThrows(UnknownTypeException.class, () -> registry.resolve("MyObject[Nope]"));
    }

    @Test
    void aFactoryMustUseTheNameItIsGiven() {
        IntType<Thing> sloppy = IntType.of("Sloppy", (name, n) -> new Thing("Other", List.of()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sloppy.get(1));
        assertTrue(e.getMessage().contains("Sloppy[1]"), e.getMessage());
    }

    @Test
    void aRefusedArgumentIsNotRemembered() {
        AtomicInteger calls = new AtomicInteger();
        IntType<Thing> positive = IntType.of("Positive", (name, n) -> {
            calls.incrementAndGet();
            if (n < 1) {
                throw new IllegalArgumentException("n must be positive");
            }
            return new Thing(name, List.of(n));
        });
        assertThrows(IllegalArgumentException.class, () -> positive.get(0));
        assertThrows(IllegalArgumentException.class, () -> positive.get(0));
        assertEquals(2, calls.get());
    }

    @Test
    void concurrentCallersGetOneInstance() throws Exception {
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Set<Thing>> seen = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            seen.add(ConcurrentHashMap.newKeySet());
        }
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 0; n < 50; n++) {
                    seen.get(n).add(ints.get(n));
                }
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        for (int n = 0; n < 50; n++) {
            assertEquals(1, seen.get(n).size(), "argument " + n);
        }
    }
}
