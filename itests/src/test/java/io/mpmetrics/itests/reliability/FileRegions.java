package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.metrics.internal.Directory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The regions of a valid metrics file that the fuzzer aims at, found from the public layout
 * constants only ({@link HeapHeader}, {@link Directory}); everything else in the allocated area
 * is treated as "series data" without knowing its layout.
 *
 * <pre>
 * | header fields | slot generations | directory root | segment header | records | ... series ... | tail |
 * 0               128                 (root slot 0)    (first segment, then chained)       base      size
 * </pre>
 */
record FileRegions(int size, long base, Range headerFields, Range header, Range directoryRoot,
                   List<Range> segmentHeaders, List<Range> records, Range data, Range tail) {

    /** {@code [start, end)} in the file. */
    record Range(int start, int end) {
        int length() {
            return end - start;
        }
    }

    /** Finds the regions of {@code file} (a valid file this test wrote). */
    static FileRegions of(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.nativeOrder());
        int size = file.length;
        long base = b.getLong(HeapHeader.BASE_OFFSET);
        int root = (int) b.getLong(HeapHeader.ROOTS_OFFSET + 8 * Directory.ROOT_SLOT);
        if (root == 0) {
            throw new IllegalArgumentException("the base file has no metrics directory");
        }
        List<Range> heads = new ArrayList<>();
        List<Range> records = new ArrayList<>();
        long segment = b.getLong(root + Directory.FIRST_SEGMENT_OFFSET);
        while (segment != 0) {
            int s = (int) segment;
            int committed = b.getInt(s + Directory.SEGMENT_COMMITTED_OFFSET);
            heads.add(new Range(s, s + Directory.SEGMENT_HEADER));
            int used = committed & ~Directory.SEALED;
            records.add(new Range(s + Directory.SEGMENT_HEADER, s + Directory.SEGMENT_HEADER + used));
            segment = (committed & Directory.SEALED) != 0 ? b.getLong(s + Directory.SEGMENT_NEXT_OFFSET) : 0;
        }
        return new FileRegions(size, base, new Range(0, HeapHeader.SLOT_GENERATIONS_OFFSET),
                new Range(0, HeapHeader.HEADER_SIZE), new Range(root, root + Directory.ROOT_SIZE), heads, records,
                new Range((int) HeapHeader.DATA_START, (int) base), new Range((int) base, size));
    }
}
