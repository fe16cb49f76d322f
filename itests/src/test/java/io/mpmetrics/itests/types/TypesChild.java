package io.mpmetrics.itests.types;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.types.Box;
import io.mpmetrics.types.Handle;
import io.mpmetrics.types.SharedDict;
import io.mpmetrics.types.Struct;
import io.mpmetrics.types.Types;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The child JVM of the types tests.
 *
 * <pre>
 * read HEAP BACKEND SERIALIZED_HANDLE_FILE HANDLE...   prints "LEAVES i v1;v2;..." per handle
 *                                                     ("LEAVES ser ..." for the serialized one)
 * dict HEAP BACKEND HANDLE PREFIX COUNT               prints READY, waits for GO on stdin, then
 *                                                     puts PREFIX+i → i (i &lt; COUNT) under the lock
 * </pre>
 */
public final class TypesChild {
    private TypesChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Paths.get(args[1]);
        try (Heap heap = Heap.openExisting(file, TestBackends.get(args[2]))) {
            if ("read".equals(args[0])) {
                read(heap, args);
            } else if ("dict".equals(args[0])) {
                dict(heap, Handle.parse(args[3]), args[4], Integer.parseInt(args[5]));
            } else {
                throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
        System.out.println("DONE");
    }

    private static void read(Heap heap, String[] args) throws Exception {
        for (int i = 4; i < args.length; i++) {
            Box<?> box = Box.attach(heap, Handle.parse(args[i]), RandomTypes.registry());
            System.out.println("LEAVES " + (i - 4) + " " + String.join(";", RandomTypes.read(box.get())));
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Paths.get(args[3])))) {
            Box<?> box = Box.attach(heap, (Handle) in.readObject(), RandomTypes.registry());
            System.out.println("LEAVES ser " + String.join(";", RandomTypes.read(box.get())));
        }
    }

    private static void dict(Heap heap, Handle handle, String prefix, int count) throws Exception {
        // A user-declared struct resolves by name once this JVM registered it.
        Types.registry().register(SharedDictTwoJvmTest.LOCKED_DICT);
        Struct s = (Struct) Box.attach(heap, handle).get();
        SharedLock lock = s.get("lock", Types.LOCK);
        SharedDict dict = s.get("dict", Types.DICT);
        System.out.println("READY");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(stdin.readLine())) {
            throw new IllegalStateException("expected GO");
        }
        SharedDictTwoJvmTest.putAll(lock, dict, prefix, count);
        try (LockGuard held = lock.lock()) {
            System.out.println("SEEN " + dict.size());
        }
    }
}
