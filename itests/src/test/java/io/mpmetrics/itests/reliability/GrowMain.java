package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.spi.Backends;

import java.nio.file.Paths;

/**
 * {@code GrowMain FILE BACKEND COUNT}: attaches to a heap with 4 KiB chunks and allocates
 * {@code COUNT} chunk-sized blocks as fast as it can, so that the file grows all the time while
 * other processes open it. Prints {@code READY} first and {@code GREW <bytes>} at the end.
 */
public final class GrowMain {
    private GrowMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Heap heap = Heap.openExisting(Paths.get(args[0]), Backends.named(args[1]))) {
            System.out.println("READY");
            System.out.flush();
            int count = Integer.parseInt(args[2]);
            for (int i = 0; i < count; i++) {
                heap.malloc(heap.mapSize());
            }
            System.out.println("GREW " + heap.fileSize());
        }
    }
}
