package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.metrics.internal.Directory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes one damaged copy of a valid file, reproducibly from a seed: bit flips, hostile words
 * (0, -1, extremes, sizes just inside and outside the file, the directory's sealed bit),
 * zeroed or random ranges, truncation and extension, aimed at the header, the directory root,
 * segment headers, records, series data or anywhere.
 *
 * <pre>{@code
 * Mutator.Mutation m = new Mutator(valid, FileRegions.of(valid)).mutate(new Random(seed));
 * Files.write(copy, m.bytes());  // m.description() says what was done
 * }</pre>
 */
final class Mutator {
    /** A damaged copy and what was done to it. */
    record Mutation(byte[] bytes, String description) {
    }

    private final byte[] valid;
    private final FileRegions regions;

    Mutator(byte[] valid, FileRegions regions) {
        this.valid = valid;
        this.regions = regions;
    }

    Mutation mutate(Random random) {
        byte[] bytes = valid.clone();
        StringBuilder what = new StringBuilder();
        int kind = random.nextInt(100);
        if (kind < 85) {
            bytes = one(bytes, random, what, kind);
        } else {
            int steps = 2 + random.nextInt(4);
            for (int i = 0; i < steps; i++) {
                if (i > 0) {
                    what.append("; ");
                }
                bytes = one(bytes, random, what, random.nextInt(85));
            }
        }
        return new Mutation(bytes, what.toString());
    }

    private byte[] one(byte[] bytes, Random random, StringBuilder what, int kind) {
        if (bytes.length < 8 && kind < 81) {
            // An earlier step truncated the copy to almost nothing: only growing it makes sense.
            kind = 81;
        }
        if (kind < 30) {
            FileRegions.Range r = target(random, bytes.length);
            int flips = 1 + random.nextInt(random.nextBoolean() ? 2 : 8);
            what.append("flip ").append(flips).append(" bits in ").append(r);
            for (int i = 0; i < flips; i++) {
                int at = r.start() + random.nextInt(r.length());
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                what.append(i == 0 ? " @" : ",").append(at);
            }
        } else if (kind < 58) {
            FileRegions.Range r = target(random, bytes.length);
            boolean wide = random.nextBoolean() && r.length() >= 8;
            int width = wide ? 8 : 4;
            int at = r.start() + random.nextInt(Math.max(1, r.length() - width + 1));
            if (random.nextInt(4) != 0) {
                at &= ~(width - 1);
            }
            at = Math.max(0, Math.min(at, bytes.length - width));
            long value = hostile(random, bytes.length);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            if (wide) {
                b.putLong(at, value);
            } else {
                b.putInt(at, (int) value);
            }
            what.append("write ").append(width).append("-byte ").append(value).append(" @").append(at);
        } else if (kind < 68) {
            FileRegions.Range r = target(random, bytes.length);
            int at = r.start() + random.nextInt(r.length());
            int length = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : 4096));
            Arrays.fill(bytes, at, at + length, (byte) 0);
            what.append("zero ").append(length).append(" bytes @").append(at);
        } else if (kind < 75) {
            FileRegions.Range r = target(random, bytes.length);
            int at = r.start() + random.nextInt(r.length());
            int length = Math.min(bytes.length - at, 1 + random.nextInt(256));
            for (int i = 0; i < length; i++) {
                bytes[at + i] = (byte) random.nextInt(256);
            }
            what.append("randomize ").append(length).append(" bytes @").append(at);
        } else if (kind < 81) {
            int length = truncation(random, bytes.length);
            what.append("truncate to ").append(length);
            bytes = Arrays.copyOf(bytes, length);
        } else {
            int extra = 1 + random.nextInt(random.nextBoolean() ? 64 : 256 * 1024);
            byte[] longer = Arrays.copyOf(bytes, bytes.length + extra);
            boolean noise = random.nextBoolean();
            if (noise) {
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
            }
            what.append("extend by ").append(extra).append(noise ? " random" : " zero").append(" bytes");
            bytes = longer;
        }
        return bytes;
    }

    /** A region to damage, weighted towards the structures that are parsed. */
    private FileRegions.Range target(Random random, int length) {
        int pick = random.nextInt(100);
        FileRegions.Range r;
        if (pick < 15) {
            r = regions.headerFields();
        } else if (pick < 22) {
            r = regions.header();
        } else if (pick < 32) {
            r = regions.directoryRoot();
        } else if (pick < 42) {
            r = pickFrom(random, regions.segmentHeaders());
        } else if (pick < 62) {
            r = pickFrom(random, regions.records());
        } else if (pick < 92) {
            r = regions.data();
        } else if (pick < 95 && regions.tail().length() > 0) {
            r = regions.tail();
        } else {
            r = new FileRegions.Range(0, length);
        }
        int end = Math.min(r.end(), length);
        int start = Math.min(r.start(), Math.max(0, end - 1));
        return new FileRegions.Range(start, Math.max(start + 1, end));
    }

    private static FileRegions.Range pickFrom(Random random, List<FileRegions.Range> ranges) {
        return ranges.get(random.nextInt(ranges.size()));
    }

    private long hostile(Random random, int fileLength) {
        switch (random.nextInt(20)) {
            case 0: return 0;
            case 1: return -1;
            case 2: return 1;
            case 3: return Integer.MAX_VALUE;
            case 4: return Integer.MIN_VALUE;
            case 5: return Long.MAX_VALUE;
            case 6: return Long.MIN_VALUE;
            case 7: return fileLength;
            case 8: return fileLength - 1 - random.nextInt(64);
            case 9: return fileLength + 1 + random.nextInt(64);
            case 10: return regions.base() + random.nextInt(129) - 64;
            case 11: return HeapHeader.DATA_START + 64L * random.nextInt(64);
            case 12: return (long) HeapHeader.PAGE_SIZE * (1 + random.nextInt(32));
            case 13: return Directory.SEALED | random.nextInt(4096);
            case 14: return random.nextInt(256);
            case 15: return -random.nextInt(256);
            case 16: return 1L << random.nextInt(63);
            case 17: return (long) Directory.MAX_RECORD + random.nextInt(64) - 32;
            case 18: return Double.doubleToRawLongBits(random.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY);
            default: return random.nextLong();
        }
    }

    private int truncation(Random random, int length) {
        int[] interesting = {0, 1, 7, 8, 63, 64, HeapHeader.SLOT_GENERATIONS_OFFSET - 1,
            HeapHeader.SLOT_GENERATIONS_OFFSET, HeapHeader.HEADER_SIZE - 1, (int) HeapHeader.DATA_START,
            HeapHeader.PAGE_SIZE, (int) regions.base() - 1, (int) regions.base(), length - 1};
        int pick = random.nextInt(interesting.length + 3);
        int to = pick < interesting.length ? interesting[pick] : random.nextInt(Math.max(1, length));
        return Math.max(0, Math.min(length - 1, to));
    }
}
