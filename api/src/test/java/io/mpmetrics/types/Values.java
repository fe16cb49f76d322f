package io.mpmetrics.types;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Values the default codec handles: generators and a deep equality that compares byte arrays by content. */
final class Values {
    private Values() {
    }

    static Arbitrary<Object> arbitrary(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false),
                Arbitraries.longs().map(x -> x),
                Arbitraries.integers().map(x -> x),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0).map(x -> x),
                Arbitraries.strings().ofMaxLength(20).map(x -> x),
                Arbitraries.strings().all().ofMaxLength(8).filter(Values::wellFormed).map(x -> x),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(x -> x));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Object> inner = arbitrary(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(x -> x)),
                net.jqwik.api.Tuple.of(1, Arbitraries.maps(Arbitraries.strings().ofMaxLength(6).map(x -> (Object) x), inner)
                        .ofMaxSize(4).map(x -> x)));
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A random value (for fixed-seed tests), keys being unicode strings. */
    static Object random(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 10 : 8);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return r.nextLong() >> r.nextInt(64);
            case 3:
                return r.nextDouble() * 1e6 - 5e5;
            case 4:
                return unicode(r, r.nextInt(12));
            case 5: {
                byte[] b = new byte[r.nextInt(12)];
                r.nextBytes(b);
                return b;
            }
            case 6:
                return (long) r.nextInt(100);
            case 7:
                return "k" + r.nextInt(50);
            case 8: {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(random(r, depth - 1));
                }
                return list;
            }
            default: {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    map.put(unicode(r, 1 + r.nextInt(6)), random(r, depth - 1));
                }
                return map;
            }
        }
    }

    private static final int[] RANGES = {0x20, 0x7e, 0xa0, 0x2ff, 0x391, 0x3c9, 0x4e00, 0x4fff, 0x1f600, 0x1f64f};

    /** A string of code points from ASCII, Latin-1, Greek, CJK and emoji. */
    static String unicode(Random r, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int range = r.nextInt(RANGES.length / 2) * 2;
            sb.appendCodePoint(RANGES[range] + r.nextInt(RANGES[range + 1] - RANGES[range] + 1));
        }
        return sb.toString();
    }

    /** What decoding {@code v}'s encoding gives: integers as Long, floats as Double. */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(normalize(e));
            }
            return out;
        }
        if (v instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                out.put(normalize(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        return v;
    }

    /** Equality in which byte arrays compare by content and map order matters not. */
    static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!deepEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            // Keys here are strings, numbers or null (byte[] keys are compared by identity by any Map).
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return java.util.Objects.equals(a, b);
    }
}
