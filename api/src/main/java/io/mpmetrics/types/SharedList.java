package io.mpmetrics.types;

import io.mpmetrics.generics.ObjectType;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

/**
 * A {@link List} encoded in (shared) memory: the spec's {@code List}. Every method decodes
 * the list from the heap and writes it back if it changed it (layout as
 * {@link SharedObject}), so all processes see the same list. Elements are what the codec
 * decodes: with {@link DefaultCodec} integers come back as {@link Long}, so
 * {@code contains(5)} is false where {@code contains(5L)} is true.
 *
 * <p>Not synchronized: access it under a lock shared by the processes. Iterators work on a
 * snapshot taken when they are created; their {@code remove} removes from the shared list.
 *
 * <pre>{@code
 * SharedList jobs = Box.create(heap, Types.LIST).get();
 * jobs.add("first");
 * jobs.addAll(List.of("second", "third"));
 * jobs.get(0);   // "first"
 * }</pre>
 */
public final class SharedList extends AbstractList<Object> implements RandomAccess {
    /** The descriptor with {@link DefaultCodec}, named {@code List}. */
    public static final SharedType<SharedList> TYPE = new EncodedType<>("List", DefaultCodec.INSTANCE, SharedList::new);
    /** The type constructor {@code List[codec]} for other codecs. */
    public static final ObjectType<Codec, SharedType<SharedList>> WITH_CODEC = ObjectType.of("List", Codec.class,
            (name, codec) -> new EncodedType<>(name, codec, SharedList::new));

    private final EncodedStore store;

    private SharedList(EncodedStore store) {
        this.store = store;
    }

    /** The descriptor for elements encoded with {@code codec} ({@link #TYPE} for the default codec). */
    public static SharedType<SharedList> type(Codec codec) {
        return codec == DefaultCodec.INSTANCE ? TYPE : WITH_CODEC.get(codec);
    }

    /**
     * A private copy of the list as it is now.
     *
     * @throws CodecException if the shared bytes are corrupt or not a list
     */
    public List<Object> snapshot() {
        Object v = store.read();
        if (v == EncodedStore.EMPTY) {
            return new ArrayList<>();
        }
        if (!(v instanceof List)) {
            throw new CodecException("shared List holds a " + v.getClass().getName() + ", not a list");
        }
        return v instanceof ArrayList ? cast(v) : new ArrayList<>((List<?>) v);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cast(Object v) {
        return (List<Object>) v;
    }

    private void save(List<Object> list) {
        if (list.isEmpty()) {
            store.clear();
        } else {
            store.write(list);
        }
        modCount++;
    }

    @Override
    public Object get(int index) {
        return snapshot().get(index);
    }

    @Override
    public int size() {
        return snapshot().size();
    }

    @Override
    public Object set(int index, Object element) {
        List<Object> list = snapshot();
        Object old = list.set(index, element);
        save(list);
        return old;
    }

    @Override
    public void add(int index, Object element) {
        List<Object> list = snapshot();
        list.add(index, element);
        save(list);
    }

    @Override
    public Object remove(int index) {
        List<Object> list = snapshot();
        Object old = list.remove(index);
        save(list);
        return old;
    }

    @Override
    public boolean addAll(Collection<?> c) {
        return addAll(size(), c);
    }

    @Override
    public boolean addAll(int index, Collection<?> c) {
        List<Object> list = snapshot();
        boolean changed = list.addAll(index, c);
        if (changed) {
            save(list);
        }
        return changed;
    }

    @Override
    public void clear() {
        store.clear();
        modCount++;
    }

    @Override
    public void replaceAll(UnaryOperator<Object> operator) {
        List<Object> list = snapshot();
        list.replaceAll(operator);
        save(list);
    }

    @Override
    public void sort(Comparator<? super Object> c) {
        List<Object> list = snapshot();
        list.sort(c);
        save(list);
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        List<Object> list = snapshot();
        list.subList(fromIndex, toIndex).clear();
        save(list);
    }

    @Override
    public boolean contains(Object o) {
        return snapshot().contains(o);
    }

    @Override
    public int indexOf(Object o) {
        return snapshot().indexOf(o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return snapshot().lastIndexOf(o);
    }

    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return snapshot().toArray(a);
    }

    @Override
    public Iterator<Object> iterator() {
        List<Object> items = snapshot();
        return new Iterator<Object>() {
            private int next;
            private int removed;
            private boolean canRemove;

            @Override
            public boolean hasNext() {
                return next < items.size();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                canRemove = true;
                return items.get(next++);
            }

            @Override
            public void remove() {
                if (!canRemove) {
                    throw new IllegalStateException("next() was not called, or remove() was already called");
                }
                canRemove = false;
                SharedList.this.remove(next - 1 - removed);
                removed++;
            }
        };
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof List && snapshot().equals(o));
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
