package io.mpmetrics.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The per-process cache from label values to a metric's children: an open-addressing hash
 * table that is read without locks or allocation (the hot path of {@code labelValues(..)})
 * and grows in place.
 *
 * <p><b>Writers</b> (serialized by this object's monitor) put a new entry into the first empty
 * slot of its probe sequence with a release store, so adding a label set costs O(1); when the
 * table is half full they copy the entries into one of twice the size and publish that with a
 * volatile write (amortized O(1) per entry: each doubling copies references, never rehashes
 * the label values, whose hash the entry keeps).
 *
 * <p><b>Readers</b> load the current table, then probe with acquire loads. Slots are only ever
 * filled, never emptied or changed, so a probe that meets an empty slot may conclude "absent";
 * a reader racing with an insert (or still holding the table before a resize) may miss the new
 * entry, and then takes the slow path ({@link #computeIfAbsent}), which looks again under the
 * monitor. An entry's fields are final and its key array is never written after publication.
 *
 * <pre>
 * Table: Entry[capacity] (a power of two), size
 * Entry: final int hash (Arrays.hashCode of the key, spread), final String[] key, final Object value
 * </pre>
 *
 * @param <C> the child type
 */
final class ChildTable<C> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Entry[].class);
    private static final int INITIAL_CAPACITY = 16;

    private static final class Entry {
        final int hash;
        final String[] key;
        final Object value;

        Entry(int hash, String[] key, Object value) {
            this.hash = hash;
            this.key = key;
            this.value = value;
        }
    }

    private static final class Table {
        final Entry[] slots;
        /** Entries in {@link #slots}; written under the monitor only. */
        int size;

        Table(int capacity) {
            this.slots = new Entry[capacity];
        }
    }

    private volatile Table table = new Table(INITIAL_CAPACITY);

    /** The child for {@code labels}, or null. Allocates nothing. */
    @SuppressWarnings("unchecked")
    C get(String[] labels) {
        Entry[] slots = table.slots;
        int mask = slots.length - 1;
        int h = hash(labels);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = (Entry) SLOTS.getAcquire(slots, i);
            if (e == null) {
                return null;
            }
            if (e.hash == h && Arrays.equals(e.key, labels)) {
                return (C) e.value;
            }
        }
    }

    /** {@link #get(String[])} for one label value, without an array. */
    @SuppressWarnings("unchecked")
    C get(String a) {
        Entry[] slots = table.slots;
        int mask = slots.length - 1;
        int h = spread(31 + a.hashCode());
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = (Entry) SLOTS.getAcquire(slots, i);
            if (e == null) {
                return null;
            }
            String[] k = e.key;
            if (e.hash == h && k.length == 1 && a.equals(k[0])) {
                return (C) e.value;
            }
        }
    }

    /** {@link #get(String[])} for two label values, without an array. */
    @SuppressWarnings("unchecked")
    C get(String a, String b) {
        Entry[] slots = table.slots;
        int mask = slots.length - 1;
        int h = spread(31 * (31 + a.hashCode()) + b.hashCode());
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = (Entry) SLOTS.getAcquire(slots, i);
            if (e == null) {
                return null;
            }
            String[] k = e.key;
            if (e.hash == h && k.length == 2 && a.equals(k[0]) && b.equals(k[1])) {
                return (C) e.value;
            }
        }
    }

    /** {@link #get(String[])} for three label values, without an array. */
    @SuppressWarnings("unchecked")
    C get(String a, String b, String c) {
        Entry[] slots = table.slots;
        int mask = slots.length - 1;
        int h = spread(31 * (31 * (31 + a.hashCode()) + b.hashCode()) + c.hashCode());
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = (Entry) SLOTS.getAcquire(slots, i);
            if (e == null) {
                return null;
            }
            String[] k = e.key;
            if (e.hash == h && k.length == 3 && a.equals(k[0]) && b.equals(k[1]) && c.equals(k[2])) {
                return (C) e.value;
            }
        }
    }

    /** The number of children. */
    synchronized int size() {
        return table.size;
    }

    /**
     * The child for {@code labels} (a private copy that is never written again), made by
     * {@code factory} if absent. O(1) amortized.
     */
    synchronized C computeIfAbsent(String[] labels, Function<String[], C> factory) {
        C existing = get(labels);
        if (existing != null) {
            return existing;
        }
        C child = factory.apply(labels);
        Table t = table;
        if ((t.size + 1) * 2 > t.slots.length) {
            Table bigger = new Table(t.slots.length * 2);
            for (Entry e : t.slots) {
                if (e != null) {
                    // Not yet visible to readers: plain stores, published by the volatile write below.
                    bigger.slots[freeSlot(bigger.slots, e.hash)] = e;
                }
            }
            bigger.size = t.size;
            table = bigger;
            t = bigger;
        }
        int h = hash(labels);
        SLOTS.setRelease(t.slots, freeSlot(t.slots, h), new Entry(h, labels, child));
        t.size++;
        return child;
    }

    private static int freeSlot(Entry[] slots, int hash) {
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int hash(String[] labels) {
        return spread(Arrays.hashCode(labels));
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
