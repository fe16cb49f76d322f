package io.mpmetrics.metrics;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The per-process cache from label values to a metric's children: an open-addressing table
 * that is read without locks or allocation (the hot path of {@code labelValues(..)}) and
 * copied on write (new label sets are rare).
 *
 * @param <C> the child type
 */
final class ChildTable<C> {
    private static final class Table {
        final String[][] keys;
        final Object[] values;
        final int size;

        Table(int capacity, int size) {
            this.keys = new String[capacity][];
            this.values = new Object[capacity];
            this.size = size;
        }
    }

    private volatile Table table = new Table(16, 0);

    /** The child for {@code labels}, or null. Allocates nothing. */
    @SuppressWarnings("unchecked")
    C get(String[] labels) {
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = hash(labels) & mask; ; i = (i + 1) & mask) {
            String[] k = t.keys[i];
            if (k == null) {
                return null;
            }
            if (Arrays.equals(k, labels)) {
                return (C) t.values[i];
            }
        }
    }

    /** {@link #get(String[])} for one label value, without an array. */
    @SuppressWarnings("unchecked")
    C get(String a) {
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = spread(31 + a.hashCode()) & mask; ; i = (i + 1) & mask) {
            String[] k = t.keys[i];
            if (k == null) {
                return null;
            }
            if (k.length == 1 && a.equals(k[0])) {
                return (C) t.values[i];
            }
        }
    }

    /** {@link #get(String[])} for two label values, without an array. */
    @SuppressWarnings("unchecked")
    C get(String a, String b) {
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = spread(31 * (31 + a.hashCode()) + b.hashCode()) & mask; ; i = (i + 1) & mask) {
            String[] k = t.keys[i];
            if (k == null) {
                return null;
            }
            if (k.length == 2 && a.equals(k[0]) && b.equals(k[1])) {
                return (C) t.values[i];
            }
        }
    }

    /** {@link #get(String[])} for three label values, without an array. */
    @SuppressWarnings("unchecked")
    C get(String a, String b, String c) {
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = spread(31 * (31 * (31 + a.hashCode()) + b.hashCode()) + c.hashCode()) & mask; ;
             i = (i + 1) & mask) {
            String[] k = t.keys[i];
            if (k == null) {
                return null;
            }
            if (k.length == 3 && a.equals(k[0]) && b.equals(k[1]) && c.equals(k[2])) {
                return (C) t.values[i];
            }
        }
    }

    /** The child for {@code labels} (a private copy), made by {@code factory} if absent. */
    synchronized C computeIfAbsent(String[] labels, Function<String[], C> factory) {
        C existing = get(labels);
        if (existing != null) {
            return existing;
        }
        C child = factory.apply(labels);
        Table old = table;
        int capacity = old.keys.length;
        if ((old.size + 1) * 2 > capacity) {
            capacity *= 2;
        }
        Table t = new Table(capacity, old.size + 1);
        for (int i = 0; i < old.keys.length; i++) {
            if (old.keys[i] != null) {
                insert(t, old.keys[i], old.values[i]);
            }
        }
        insert(t, labels, child);
        table = t;
        return child;
    }

    private static void insert(Table t, String[] key, Object value) {
        int mask = t.keys.length - 1;
        int i = hash(key) & mask;
        while (t.keys[i] != null) {
            i = (i + 1) & mask;
        }
        t.keys[i] = key;
        t.values[i] = value;
    }

    private static int hash(String[] labels) {
        return spread(Arrays.hashCode(labels));
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
