package io.mpmetrics.types;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandleTest {
    private static final Handle HANDLE = new Handle("Array[Double,5]", "/dev/shm/mpmetrics/a@b:c.heap", 0x1234_5678_9abcL);

    @Test
    void textFormRoundTrips() {
        String text = HANDLE.toString();
        assertEquals("Array[Double,5]@" + 0x1234_5678_9abcL + ":/dev/shm/mpmetrics/a@b:c.heap", text);
        assertEquals(HANDLE, Handle.parse(text));
        assertEquals(Paths.get("/dev/shm/mpmetrics/a@b:c.heap"), HANDLE.heapPath());
        assertEquals(HANDLE.heapFile(), Handle.of(Array.of(Types.DOUBLE, 5), Paths.get("/dev/shm/mpmetrics/./a@b:c.heap"),
                HANDLE.offset()).heapFile());
    }

    @Test
    void badHandlesAreRefused() {
        for (String bad : new String[] {"", "Double", "Double@1", "@1:/x", "Double@:/x", "Double@x:/x", "Double@-1:/x",
                "Double@1:relative/path", "Double@1:", "Dou ble@1:/x", "Array[Double@1:/x"}) {
            assertThrows(IllegalArgumentException.class, () -> Handle.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new Handle("Double", "/x\0y", 0));
        assertThrows(IllegalArgumentException.class, () -> new Handle("Double", "/" + "x".repeat(Handle.MAX_PATH_LENGTH), 0));
        assertThrows(NullPointerException.class, () -> new Handle(null, "/x", 0));
    }

    @Test
    void javaSerializationRoundTrips() throws Exception {
        assertEquals(HANDLE, deserialize(serialize(HANDLE)));
    }

    @Test
    void aTamperedSerializedHandleIsRefused() throws Exception {
        byte[] bytes = serialize(HANDLE);
        byte[] negative = replace(bytes, longBytes(HANDLE.offset()), longBytes(-8));
        InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> deserialize(negative));
        assertTrue(String.valueOf(e.getCause()).contains("offset"), String.valueOf(e.getCause()));
        byte[] badName = replace(bytes, "Array[Double,5]".getBytes(StandardCharsets.UTF_8),
                "Array[Doub e,5]".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidObjectException.class, () -> deserialize(badName));
        byte[] relative = replace(bytes, "/dev/shm".getBytes(StandardCharsets.UTF_8), "dev/shm/".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidObjectException.class, () -> deserialize(relative));
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        }
        return out.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] with) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            byte[] copy = haystack.clone();
            System.arraycopy(with, 0, copy, i, with.length);
            return copy;
        }
        throw new AssertionError("pattern not found in the serialized form");
    }
}
