package io.mpmetrics.itests.multiprocess;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.Region;
import io.mpmetrics.lock.SharedLock;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.SharedKind;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/**
 * The child side of the multi-process tests: {@code Worker MODE FILE BACKEND ARGS...}.
 * Prints {@code READY} once attached and, where the mode waits for a start signal, starts
 * when it reads {@code GO} on stdin so that all workers run at once.
 */
public final class Worker {
    private Worker() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Backend backend = Backends.named(args[2]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Heap heap = Heap.openExisting(Paths.get(args[1]), backend)) {
            switch (mode) {
                case "add": {
                    Region mem = block(heap, args).deref();
                    int stride = backend.sizeOf(SharedKind.ATOMIC_INT64);
                    AtomicInt64 i64 = backend.newAtomicInt64(mem, 0);
                    AtomicUInt64 u64 = backend.newAtomicUInt64(mem, stride);
                    AtomicDouble dbl = backend.newAtomicDouble(mem, 2 * stride);
                    long count = Long.parseLong(args[5]);
                    ready(in);
                    for (long i = 0; i < count; i++) {
                        i64.add(1);
                        u64.add(1);
                        dbl.add(1.0);
                    }
                    break;
                }
                case "order": {
                    Region mem = block(heap, args).deref();
                    int stride = backend.sizeOf(SharedKind.ATOMIC_INT64);
                    AtomicInt64 x = backend.newAtomicInt64(mem, 0);
                    AtomicInt64 y = backend.newAtomicInt64(mem, stride);
                    long count = Long.parseLong(args[5]);
                    ready(in);
                    for (long i = 0; i < count; i++) {
                        x.add(1);
                        y.add(1);
                    }
                    break;
                }
                case "plain": {
                    Region mem = block(heap, args).deref();
                    long count = Long.parseLong(args[5]);
                    ready(in);
                    for (long i = 0; i < count; i++) {
                        mem.putLong(0, mem.getLong(0) + 1); // deliberately not atomic
                    }
                    break;
                }
                case "hold": {
                    SharedLock lock = backend.newLock(block(heap, args).deref(), 0);
                    lock.acquire();
                    System.out.println("HELD");
                    System.out.flush();
                    String line = in.readLine(); // hold until told (or killed)
                    if ("RELEASE".equals(line)) {
                        lock.release();
                        System.out.println("RELEASED");
                    }
                    break;
                }
                case "write": {
                    block(heap, args).deref().putLong(0, Long.parseLong(args[5]));
                    break;
                }
                case "alloc": {
                    long size = Long.parseLong(args[3]);
                    Block b = heap.malloc(size);
                    Region mem = b.deref();
                    long value = Long.parseLong(args[4]);
                    mem.putLong(0, value);
                    mem.putLong((int) size - 8, value);
                    System.out.println("BLOCK " + b.start() + " " + b.size());
                    break;
                }
                case "read": {
                    Region mem = block(heap, args).deref();
                    System.out.println("VALUE " + mem.getLong(0) + " " + mem.getLong(mem.length() - 8));
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
        System.out.println("DONE");
        System.out.flush();
    }

    private static Block block(Heap heap, String[] args) {
        return heap.block(Long.parseLong(args[3]), Long.parseLong(args[4]));
    }

    private static void ready(BufferedReader in) throws java.io.IOException {
        System.out.println("READY");
        System.out.flush();
        String go = in.readLine();
        if (!"GO".equals(go)) {
            throw new IllegalStateException("expected GO, got " + go);
        }
    }
}
