package io.mpmetrics.types;

import io.mpmetrics.generics.TypeRegistry;
import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;

import java.util.Objects;

/**
 * An object of a {@link SharedType} in its own block of a {@link Heap}: the spec's
 * {@code Box[T](heap)}. Every box has a {@link Handle} (type name, heap file, offset) from
 * which another JVM attaches to the very same object.
 *
 * <pre>{@code
 * Box<DoubleValue> d = Box.create(heap, Types.DOUBLE);
 * d.get().set(2.5);
 * String handle = d.handle().toString();
 * // another JVM, with the heap file open:
 * Box<DoubleValue> same = Box.attach(heap, Handle.parse(handle), Types.DOUBLE);
 * assert same.get().get() == 2.5;
 * }</pre>
 *
 * <p>Attaching by handle alone resolves the type name through a {@link TypeRegistry}
 * ({@link Types#registry()} by default): register your own struct types there in every JVM.
 *
 * @param <T> the view of the boxed object
 */
public final class Box<T> {
    private final SharedType<T> type;
    private final Block block;
    private final T value;

    private Box(SharedType<T> type, Block block, T value) {
        this.type = type;
        this.block = block;
        this.value = value;
    }

    /**
     * Allocates a block of {@code heap} for a {@code type} (aligned to at least
     * {@link Heap#DEFAULT_ALIGNMENT}, so boxes do not share cache lines) and initializes it.
     */
    public static <T> Box<T> create(Heap heap, SharedType<T> type) {
        Objects.requireNonNull(type, "type");
        TypeContext context = TypeContext.of(heap);
        int size = type.size(context.family());
        long alignment = Math.max(type.alignment(context.family()), Heap.DEFAULT_ALIGNMENT);
        Block block = heap.malloc(size, alignment);
        return new Box<>(type, block, type.initialize(block.deref(), context));
    }

    /**
     * Attaches to the object {@code handle} names, resolving its type in {@link Types#registry()}.
     *
     * @throws IllegalArgumentException if the handle is for another heap file, its type is
     *     unknown ({@link io.mpmetrics.generics.UnknownTypeException}) or its block is not in the heap
     */
    public static Box<?> attach(Heap heap, Handle handle) {
        return attach(heap, handle, Types.registry());
    }

    /** Same as {@link #attach(Heap, Handle)}, resolving the type in {@code registry}. */
    public static Box<?> attach(Heap heap, Handle handle, TypeRegistry registry) {
        return attachAs(heap, handle, Types.resolve(registry, handle.typeName()));
    }

    /**
     * Attaches to the object {@code handle} names, which must be of type {@code type}.
     *
     * @throws IllegalArgumentException if the handle names another type or heap file, or its
     *     block is not in the heap
     */
    public static <T> Box<T> attach(Heap heap, Handle handle, SharedType<T> type) {
        if (!type.name().equals(handle.typeName())) {
            throw new IllegalArgumentException("handle " + handle + " is for a " + handle.typeName() + ", not a "
                    + type.name());
        }
        return attachAs(heap, handle, type);
    }

    private static <T> Box<T> attachAs(Heap heap, Handle handle, SharedType<T> type) {
        if (!heap.path().toAbsolutePath().normalize().equals(handle.heapPath().toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("handle " + handle + " is for another heap file than " + heap.path());
        }
        TypeContext context = TypeContext.of(heap);
        Block block = heap.block(handle.offset(), type.size(context.family()));
        return new Box<>(type, block, type.attach(block.deref(), context));
    }

    /** The boxed object. */
    public T get() {
        return value;
    }

    /** Its type. */
    public SharedType<T> type() {
        return type;
    }

    /** Its block. */
    public Block block() {
        return block;
    }

    /** The handle from which another JVM attaches to this object. */
    public Handle handle() {
        return Handle.of(type, block.heap().path(), block.start());
    }

    @Override
    public String toString() {
        return "Box[" + handle() + "]";
    }
}
