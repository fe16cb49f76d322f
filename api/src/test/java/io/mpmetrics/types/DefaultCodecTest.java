package io.mpmetrics.types;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DefaultCodecTest {
    private static final DefaultCodec CODEC = DefaultCodec.INSTANCE;

    private static Object roundTrip(Object value) {
        byte[] bytes = CODEC.encode(value);
        return CODEC.decode(bytes, 0, bytes.length);
    }

    @Property(tries = 300)
    void nestedValuesRoundTrip(@ForAll("values") Object value) {
        assertTrue(Values.deepEquals(Values.normalize(value), roundTrip(value)), () -> String.valueOf(value));
    }

    @Provide
    Arbitrary<Object> values() {
        return Values.arbitrary(4);
    }

    @Test
    void decodedTypesAreTheNormalForms() {
        Map<Object, Object> in = new LinkedHashMap<>();
        in.put("int", 7);
        in.put("short", (short) -3);
        in.put("float", 1.5f);
        in.put(null, List.of(true, false));
        in.put(42L, new byte[] {1, 2, 3});
        Object out = roundTrip(in);
        assertTrue(out instanceof LinkedHashMap, "maps decode as LinkedHashMap");
        Map<?, ?> m = (Map<?, ?>) out;
        assertEquals(7L, m.get("int"));
        assertEquals(-3L, m.get("short"));
        assertEquals(1.5, m.get("float"));
        assertEquals(List.of(true, false), m.get(null));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) m.get(42L));
        assertEquals(Arrays.asList("int", "short", "float", null, 42L), new ArrayList<>(m.keySet()), "order kept");
        assertTrue(roundTrip(List.of(1)) instanceof ArrayList);
    }

    @Test
    void extremesRoundTrip() {
        for (Object v : new Object[] {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, Double.NaN, -0.0, Double.MIN_VALUE,
                Double.NEGATIVE_INFINITY, "", "\u0000", "😀 ünïcödé 日本語 \uD83D\uDE00", new byte[0]}) {
            assertTrue(Values.deepEquals(v, roundTrip(v)), String.valueOf(v));
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) roundTrip(-0.0)));
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 1; i < DefaultCodec.MAX_DEPTH; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        cur.add(null);
        assertEquals(deep, roundTrip(deep), DefaultCodec.MAX_DEPTH + " nested lists are allowed");
        cur.set(0, new ArrayList<>());
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(deep), "one more is not");
    }

    @Test
    void encodingRefusesWhatItCannotRoundTrip() {
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(java.util.Set.of(1)));
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(java.math.BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode("a\uD800b"), "unpaired surrogate");
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode("\uDC00"), "unpaired low surrogate");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(cycle));
    }

    @Test
    void corruptInputIsACodecException() {
        byte[][] bad = {
            {},                                           // nothing
            {9},                                          // unknown tag
            {(byte) 0xff},                                // unknown tag
            {0, 0},                                       // trailing byte
            {3},                                          // integer without varint
            {3, (byte) 0x80},                             // unterminated varint
            {3, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, 0}, // varint longer than 10 bytes
            {3, -1, -1, -1, -1, -1, -1, -1, -1, -1, 2},   // varint overflows 64 bits
            {4, 1, 2, 3},                                 // short double
            {5, 5, 'a', 'b'},                             // string longer than the input
            {5, -1, -1, -1, -1, 7},                       // string of 2^31+ bytes
            {5, 2, (byte) 0xc3, 0x28},                    // malformed UTF-8
            {5, 3, (byte) 0xed, (byte) 0xa0, (byte) 0x80}, // encoded surrogate
            {5, 2, (byte) 0xc0, (byte) 0x80},             // overlong NUL
            {6, 100, 1},                                  // bytes longer than the input
            {7, -1, -1, -1, -1, 15},                      // a list of 2^32-1 elements in 6 bytes
            {7, 3, 0, 0},                                 // list shorter than its count
            {8, 1, 0},                                    // map with a key and no value
            {8, 2, 0, 0, 0, 1},                           // duplicate key null
            {8, 1, 7, 0},                                 // key (empty list) without a value
        };
        for (byte[] b : bad) {
            assertThrows(CodecException.class, () -> CODEC.decode(b, 0, b.length), Arrays.toString(b));
        }
        byte[] tooDeep = new byte[(DefaultCodec.MAX_DEPTH + 1) * 2 + 1];
        for (int i = 0; i + 1 < tooDeep.length; i += 2) {
            tooDeep[i] = 7;
            tooDeep[i + 1] = 1;
        }
        assertThrows(CodecException.class, () -> CODEC.decode(tooDeep, 0, tooDeep.length));
    }

    @Test
    void decodeReadsOnlyTheGivenRange() {
        byte[] inner = CODEC.encode("hello");
        byte[] framed = new byte[inner.length + 10];
        Arrays.fill(framed, (byte) 7);
        System.arraycopy(inner, 0, framed, 5, inner.length);
        assertEquals("hello", CODEC.decode(framed, 5, inner.length));
        // the string's claimed length reaches past the range: refused even though the array has bytes there
        assertThrows(CodecException.class, () -> CODEC.decode(framed, 5, inner.length - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> CODEC.decode(framed, 5, framed.length));
    }

    /**
     * 12,000 random and mutated inputs (fixed seed): each decodes to a value or fails with a
     * CodecException, and a decoded value encodes and decodes to itself.
     */
    @Test
    void randomAndMutatedBytesDecodeOrFailCleanly() {
        Random random = new Random(0x5eed_c0dec_0001L);
        List<byte[]> seeds = new ArrayList<>();
        Random values = new Random(42);
        for (int i = 0; i < 50; i++) {
            seeds.add(CODEC.encode(Values.random(values, 4)));
        }
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 12_000; i++) {
            byte[] input = i % 3 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            Object value;
            try {
                value = CODEC.decode(input, 0, input.length);
            } catch (CodecException expected) {
                refused++;
                continue;
            } catch (Throwable t) {
                fail("input " + Arrays.toString(input) + " failed with " + t, t);
                return;
            }
            decoded++;
            assertTrue(Values.deepEquals(value, roundTrip(value)), Arrays.toString(input));
        }
        assertTrue(decoded > 1000 && refused > 1000, "both outcomes exercised: " + decoded + " decoded, " + refused + " refused");
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(40)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
            b[0] = (byte) random.nextInt(10); // mostly valid tags, to get past the first byte
        }
        return b;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0:
                    b[at] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) random.nextInt(256);
                    break;
                case 2:
                    b = Arrays.copyOf(b, at);
                    break;
                case 3:
                    b[at] = (byte) 0xff; // the worst varint byte
                    break;
                default:
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
            }
        }
        return b;
    }
}
