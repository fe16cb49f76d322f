package io.mpmetrics.types;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.LayoutFamily;

import java.util.Objects;

/**
 * What a {@link SharedType} needs besides memory to build a view: the {@link Backend} that
 * makes atomics and locks (and fixes the {@link LayoutFamily}), and, for types that allocate
 * ({@link SharedObject}, {@link SharedList}, {@link SharedDict}), the {@link Heap}. The spec
 * passes {@code heap=} to every constructor for the same reason.
 *
 * <pre>{@code
 * TypeContext onHeap = TypeContext.of(heap);                   // backend = heap.backend()
 * TypeContext privateMemory = TypeContext.of(Backends.select()); // no heap: no Object/List/Dict
 * }</pre>
 */
public final class TypeContext {
    private final Backend backend;
    private final Heap heap;

    private TypeContext(Backend backend, Heap heap) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.heap = heap;
    }

    /** A context for memory of {@code heap}, with its backend. */
    public static TypeContext of(Heap heap) {
        return new TypeContext(heap.backend(), heap);
    }

    /** A context without a heap (e.g. for {@link io.mpmetrics.heap.Region#allocate private memory}). */
    public static TypeContext of(Backend backend) {
        return new TypeContext(backend, null);
    }

    /** The backend that makes atomics and locks. */
    public Backend backend() {
        return backend;
    }

    /** The backend's layout family. */
    public LayoutFamily family() {
        return backend.layoutFamily();
    }

    /** Whether there is a heap to allocate from. */
    public boolean hasHeap() {
        return heap != null;
    }

    /**
     * The heap to allocate from.
     *
     * @throws IllegalStateException if this context has none
     */
    public Heap heap() {
        if (heap == null) {
            throw new IllegalStateException("this type needs a heap to allocate from: use TypeContext.of(heap) "
                    + "or Box.create(heap, type)");
        }
        return heap;
    }

    @Override
    public String toString() {
        return "TypeContext[" + backend.name() + ", " + (heap == null ? "no heap" : heap.path()) + "]";
    }
}
