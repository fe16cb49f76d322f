package io.mpmetrics.itests.types;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.generics.UnknownTypeException;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.types.Array;
import io.mpmetrics.types.ArrayType;
import io.mpmetrics.types.Box;
import io.mpmetrics.types.DoubleValue;
import io.mpmetrics.types.Handle;
import io.mpmetrics.types.Int64Value;
import io.mpmetrics.types.SizeT;
import io.mpmetrics.types.Struct;
import io.mpmetrics.types.StructType;
import io.mpmetrics.types.TypeContext;
import io.mpmetrics.types.Types;
import io.mpmetrics.types.UInt64Value;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's examples and the shared types' behaviour on a real heap, for every backend. */
class SharedTypesTest {
    static final StructType<Struct> MY_STRUCT = Struct.builder("MyStruct")
            .field("a", Types.DOUBLE)
            .field("b", Types.SIZE_T)
            .build();

    /** A user view over a struct, as metrics wrap theirs. */
    static final class Counter {
        private final AtomicUInt64 total;
        private final DoubleValue created;

        Counter(Struct s) {
            total = s.get("total", Types.ATOMIC_UINT64);
            created = s.get("created", Types.DOUBLE);
        }
    }

    static final StructType<Counter> COUNTER = Struct.builder("Counter")
            .field("total", Types.ATOMIC_UINT64)
            .field("created", Types.DOUBLE)
            .build(Counter::new);

    @TempDir
    Path dir;

    private Heap heap(String backend) throws Exception {
        return Heap.create(dir.resolve(backend + ".mpm"), TestBackends.get(backend), 16 * 1024);
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void scalarsAsInTheSpec(String backend) throws Exception {
        try (Heap heap = heap(backend)) {
            Box<DoubleValue> d = Box.create(heap, Types.DOUBLE);
            assertEquals(0.0, d.get().get());
            d.get().set(d.get().get() + 1);
            assertEquals(1.0, d.get().get());
            Box<Int64Value> i = Box.create(heap, Types.INT64);
            i.get().set(-5);
            Box<UInt64Value> u = Box.create(heap, Types.UINT64);
            u.get().set(-1L);
            assertEquals("18446744073709551615", u.get().toString());
            Box<SizeT> s = Box.create(heap, Types.SIZE_T);
            s.get().set(s.get().get() + 1);

            assertEquals(1.0, Box.attach(heap, d.handle(), Types.DOUBLE).get().get());
            assertEquals(-5, ((Int64Value) Box.attach(heap, i.handle()).get()).get());
            assertEquals(-1L, ((UInt64Value) Box.attach(heap, u.handle()).get()).get());
            assertEquals(1, Box.attach(heap, s.handle(), Types.SIZE_T).get().get());
            assertEquals(0, d.block().start() % Heap.DEFAULT_ALIGNMENT, "boxes start on a cache line");
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void structsAsInTheSpec(String backend) throws Exception {
        try (Heap heap = heap(backend)) {
            Struct s = Box.create(heap, MY_STRUCT).get();
            assertTrue(s.get("a") instanceof DoubleValue);
            assertTrue(s.get("b") instanceof SizeT);
            s.get("a", Types.DOUBLE).set(2.5);
            s.get("b", SizeT.class).set(7);
            assertSame(s.get("a"), s.get(0), "field views are made once");
            assertEquals("MyStruct{a=2.5, b=7}", s.toString());
            assertThrows(IllegalArgumentException.class, () -> s.get("a", Types.INT64));
            assertThrows(IllegalArgumentException.class, () -> s.get("b", DoubleValue.class));
            assertThrows(IllegalArgumentException.class, () -> s.get("c"));
            assertThrows(IndexOutOfBoundsException.class, () -> s.get(2));
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void arraysAsInTheSpec(String backend) throws Exception {
        try (Heap heap = heap(backend)) {
            Array<DoubleValue> a = Box.create(heap, Array.of(Types.DOUBLE, 5)).get();
            assertEquals(5, a.length());
            a.get(4).set(6.28);
            double sum = 0;
            for (DoubleValue d : a) {
                sum += d.get();
            }
            assertEquals(6.28, sum);
            assertThrows(IndexOutOfBoundsException.class, () -> a.get(5));
            assertThrows(UnsupportedOperationException.class, () -> a.asList().set(0, a.get(1)), "members cannot be replaced");
            assertThrows(UnsupportedOperationException.class, () -> a.iterator().remove());
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void atomicsAndLocksAsFieldsAndElements(String backend) throws Exception {
        StructType<Struct> data = Struct.builder("Data")
                .field("sum", Types.ATOMIC_DOUBLE)
                .field("count", Types.ATOMIC_UINT64)
                .build();
        StructType<Struct> summary = Struct.builder("Summary")
                .field("lock", Types.LOCK)
                .field("data", Types.array(data, 2))
                .field("locks", Types.array(Types.LOCK, 3))
                .field("n", Types.ATOMIC_INT32)
                .build();
        try (Heap heap = heap(backend)) {
            Box<Struct> box = Box.create(heap, summary);
            Struct s = box.get();
            @SuppressWarnings("unchecked")
            Array<Struct> halves = s.get("data", Array.class);
            halves.get(1).get("sum", Types.ATOMIC_DOUBLE).add(1.5);
            halves.get(1).get("count", Types.ATOMIC_UINT64).add(1);
            s.get("n", Types.ATOMIC_INT32).add(-3);
            Array<SharedLock> locks = s.get("locks", Types.array(Types.LOCK, 3));
            locks.get(1).acquire();
            try {
                assertFalse(locks.get(0).isLocked());
                assertTrue(locks.get(0).tryAcquire(), "locks in an array are independent");
                locks.get(0).release();
                Struct again = Box.attach(heap, box.handle(), summary).get();
                Array<SharedLock> seen = again.get("locks", Types.array(Types.LOCK, 3));
                assertTrue(seen.get(1).isLocked());
                assertFalse(seen.get(2).isLocked());
                @SuppressWarnings("unchecked")
                Array<Struct> seenHalves = again.get("data", Array.class);
                AtomicDouble sum = seenHalves.get(1).get("sum", Types.ATOMIC_DOUBLE);
                assertEquals(1.5, sum.get());
                assertEquals(0.0, seenHalves.get(0).get("sum", Types.ATOMIC_DOUBLE).get());
                assertEquals(1, seenHalves.get(1).get("count", Types.ATOMIC_UINT64).get());
                assertEquals(-3, again.get("n", Types.ATOMIC_INT32).get());
            } finally {
                locks.get(1).release();
            }
            Backend b = heap.backend();
            assertEquals(summary.size(b.layoutFamily()), box.block().size());
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void structViews(String backend) throws Exception {
        try (Heap heap = heap(backend)) {
            Box<Counter> box = Box.create(heap, COUNTER);
            box.get().total.add(3);
            box.get().created.set(1.7e9);
            Counter same = Box.attach(heap, box.handle(), COUNTER).get();
            assertNotSame(box.get(), same);
            assertEquals(3, same.total.get());
            assertEquals(1.7e9, same.created.get());
        }
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void initializeZeroesAndAttachKeeps(String backend) throws Exception {
        Backend b = TestBackends.get(backend);
        ArrayType<Struct> type = Array.of(MY_STRUCT, 3);
        Region mem = Region.allocate(type.size(b.layoutFamily()));
        TypeContext context = TypeContext.of(b);
        Array<Struct> fresh = type.initialize(mem, context);
        fresh.get(2).get("a", Types.DOUBLE).set(9.5);
        Array<Struct> attached = type.attach(mem, context);
        assertEquals(9.5, attached.get(2).get("a", Types.DOUBLE).get(), "attach writes nothing");
        Array<Struct> again = type.initialize(mem, context);
        assertEquals(0.0, again.get(2).get("a", Types.DOUBLE).get(), "initialize starts from zero");
        assertThrows(IllegalArgumentException.class, () -> type.attach(Region.allocate(8), context), "wrong size");
        assertThrows(IllegalArgumentException.class, () -> MY_STRUCT.attach(mem.slice(4, 16), context), "misaligned");
        IllegalStateException noHeap = assertThrows(IllegalStateException.class,
                () -> Types.DICT.initialize(Region.allocate(24), context));
        assertTrue(noHeap.getMessage().contains("heap"), noHeap.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
    void badHandlesAreRefused(String backend) throws Exception {
        try (Heap heap = heap(backend)) {
            Box<Struct> box = Box.create(heap, MY_STRUCT);
            Handle h = box.handle();
            assertThrows(UnknownTypeException.class, () -> Box.attach(heap, h), "MyStruct is not registered");
            assertThrows(IllegalArgumentException.class, () -> Box.attach(heap, h, Types.DOUBLE), "another type");
            assertThrows(IllegalArgumentException.class,
                    () -> Box.attach(heap, new Handle(h.typeName(), "/elsewhere.mpm", h.offset()), MY_STRUCT));
            assertThrows(IllegalArgumentException.class,
                    () -> Box.attach(heap, new Handle(h.typeName(), h.heapFile(), heap.used()), MY_STRUCT),
                    "beyond the allocated end");
            assertThrows(IllegalArgumentException.class,
                    () -> Box.attach(heap, new Handle(h.typeName(), h.heapFile(), 8), MY_STRUCT), "in the header");
            assertThrows(IllegalArgumentException.class,
                    () -> Box.attach(heap, new Handle(h.typeName(), h.heapFile(), h.offset() + 4), MY_STRUCT), "misaligned");
            List<Object> fine = new ArrayList<>();
            fine.add(Box.attach(heap, h, Types.newRegistry().register(MY_STRUCT)).get());
            assertEquals(1, fine.size());
        }
    }
}
