package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.metrics.CorruptMetricsException;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.metrics.internal.CorruptRecordException;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.metrics.internal.Record;
import io.mpmetrics.types.DefaultCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Promise 3: hostile bytes in the shared metrics directory (what any process attached to the
 * file could write) are decoded into a valid metric or series, or refused with a
 * {@link CorruptMetricsException} naming the file; never another exception, an out-of-memory
 * error or a hang. jqwik with fixed seeds.
 *
 * <p>Two levels: {@link Record} (the typed, checked view of a record's fields) on arbitrary bytes
 * and on arbitrary encoded values, and whole records appended to the directory of a real file
 * holding every metric type, read back both by a registry that was already open (incremental
 * catch-up) and by a fresh one (catch-up from the start). The hostile records are arbitrary
 * bytes, real records of the file with bytes changed, cut or added, and records built field by
 * field with hostile values (wrong field counts and types, type ids, names, buckets, metric ids,
 * block offsets and sizes). The codec underneath ({@code DefaultCodec}) has its own fuzz in the
 * types tests; this is about what the registry makes of what decodes.
 */
class DirectoryRecordFuzzTest {
    static final String SEED = "20261127";
    private static Path dir;
    private static byte[] validFile;
    private static final List<byte[][]> validRecords = new ArrayList<>();
    private static final AtomicLong tries = new AtomicLong();
    private static final AtomicLong accepted = new AtomicLong();
    private static final AtomicLong refused = new AtomicLong();

    @BeforeContainer
    static void validFile() throws IOException {
        dir = Files.createTempDirectory("mpmetrics-records");
        Path file = dir.resolve("valid.mpm");
        try (Heap heap = Heap.create(file, TestBackends.get("varhandle"), 4096)) {
            CorruptFilesTest.populate(MetricsRegistry.of(heap));
            Directory.openExisting(heap).catchUp((kind, payload) ->
                    validRecords.add(new byte[][] {{(byte) (int) kind}, payload}));
        }
        validFile = Files.readAllBytes(file);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Campaign.report("directory-records", java.util.Map.of("recordsAppended", tries.get(),
                "acceptedAsValid", accepted.get(), "refusedAsCorrupt", refused.get(), "otherOutcomes", 0));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Field access: 0 long, 1 string, 2 strings, 3 doubles. */
    @Property(tries = 3000, seed = SEED)
    void recordOfArbitraryBytesOnlyEverSaysCorrupt(@ForAll @Size(max = 96) byte[] bytes,
                                                   @ForAll @IntRange(max = 8) int fields,
                                                   @ForAll @Size(max = 8) List<@IntRange(max = 3) Integer> ops) {
        access(() -> Record.decode(bytes, fields), fields, ops);
    }

    @Property(tries = 3000, seed = SEED)
    void recordOfArbitraryValuesOnlyEverSaysCorrupt(@ForAll("values") List<Object> value,
                                                    @ForAll @IntRange(max = 8) int fields,
                                                    @ForAll @Size(max = 8) List<@IntRange(max = 3) Integer> ops) {
        byte[] bytes = DefaultCodec.INSTANCE.encode(value);
        access(() -> Record.decode(bytes, fields), fields, ops);
    }

    private static void access(java.util.function.Supplier<Record> decode, int fields, List<Integer> ops) {
        try {
            Record r = decode.get();
            for (int i = 0; i < ops.size() && i < fields; i++) {
                switch (ops.get(i)) {
                    case 0 -> r.longAt(i);
                    case 1 -> r.stringAt(i);
                    case 2 -> r.stringsAt(i);
                    default -> r.doublesAt(i);
                }
            }
        } catch (CorruptRecordException expected) {
            // the only documented failure
        }
    }

    @Provide
    Arbitrary<List<Object>> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(true, false),
                Arbitraries.longs().map(x -> x), hostileDoubles().map(x -> x),
                Arbitraries.strings().ofMaxLength(8).filter(DirectoryRecordFuzzTest::encodable).map(x -> x), Arbitraries.bytes().array(byte[].class).ofMaxSize(4)
                        .map(x -> x));
        Arbitrary<Object> nested = Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(4).map(x -> x),
                Arbitraries.strings().ofMaxLength(4).filter(DirectoryRecordFuzzTest::encodable).list().ofMaxSize(3).map(x -> x),
                hostileDoubles().list().ofMaxSize(3).map(x -> x),
                Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(3), scalar).ofMaxSize(2).map(x -> x));
        return nested.list().ofMaxSize(8);
    }

    @Example
    void wrongShapesAreCorrupt() {
        byte[] notAList = DefaultCodec.INSTANCE.encode("requests");
        assertThatThrownBy(() -> Record.decode(notAList, 1)).isInstanceOf(CorruptRecordException.class);
        byte[] shortList = DefaultCodec.INSTANCE.encode(List.of(1L, "a"));
        assertThatThrownBy(() -> Record.decode(shortList, 3)).isInstanceOf(CorruptRecordException.class);
        Record mixed = Record.decode(DefaultCodec.INSTANCE.encode(java.util.Arrays.asList(null, List.of(1L),
                List.of("a", 2.0), 3.5)), 4);
        assertThatThrownBy(() -> mixed.longAt(0)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> mixed.stringsAt(1)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> mixed.doublesAt(2)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> mixed.stringAt(3)).isInstanceOf(CorruptRecordException.class);
        byte[] claim = {7, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        assertThatThrownBy(() -> Record.decode(claim, 1)).isInstanceOf(CorruptRecordException.class);
    }

    /** A record (kind, payload) as some process might append it. */
    record Hostile(int kind, byte[] payload) {
        @Override
        public String toString() {
            return "kind " + kind + ", " + payload.length + " bytes " + java.util.Arrays.toString(
                    java.util.Arrays.copyOf(payload, Math.min(payload.length, 64)));
        }
    }

    @Property(tries = 1200, seed = SEED)
    void hostileDirectoryRecordsAreDecodedOrRefused(@ForAll("hostileRecords") Hostile record) throws IOException {
        tries.incrementAndGet();
        Path file = dir.resolve("try.mpm");
        Files.deleteIfExists(file);
        Files.write(file, validFile);
        try (Heap heap = Heap.openExisting(file, TestBackends.get("varhandle"))) {
            MetricsRegistry before = MetricsRegistry.of(heap);
            int metricsBefore = before.collect().size();
            Directory directory = Directory.openExisting(heap);
            try (LockGuard held = directory.lock().lock()) {
                directory.catchUp((kind, payload) -> { });
                directory.append(record.kind(), record.payload());
            }
            Outcome incremental = outcome(() -> before, file);
            // A process that opens the file now reads the hostile record during open.
            Outcome fresh = outcome(() -> MetricsRegistry.of(heap), file);
            assertThat(fresh).as("a fresh reader decides like an incremental one").isEqualTo(incremental);
            if (incremental == Outcome.ACCEPTED) {
                accepted.incrementAndGet();
                assertThat(before.collect().size()).isBetween(metricsBefore, metricsBefore + 1);
            } else {
                refused.incrementAndGet();
            }
        }
    }

    enum Outcome { ACCEPTED, CORRUPT }

    private static Outcome outcome(java.util.function.Supplier<MetricsRegistry> registry, Path file) {
        try {
            List<MetricSnapshot> all = registry.get().collect();
            assertThat(all).isNotEmpty();
            return Outcome.ACCEPTED;
        } catch (CorruptMetricsException e) {
            assertThat(e.getMessage()).contains(file.toString());
            return Outcome.CORRUPT;
        }
    }

    @Provide
    Arbitrary<Hostile> hostileRecords() {
        Arbitrary<Integer> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(1, 2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<Hostile> noise = Combinators.combine(kinds, Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as(Hostile::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, noise),
                net.jqwik.api.Tuple.of(4, mutatedValidRecords()),
                net.jqwik.api.Tuple.of(3, metricRecords()),
                net.jqwik.api.Tuple.of(3, seriesRecords()));
    }

    /** A real record of the valid file with a few bytes changed, cut off or added. */
    private Arbitrary<Hostile> mutatedValidRecords() {
        Arbitrary<Integer> which = Arbitraries.integers().between(0, Math.max(0, validRecords.size() - 1));
        Arbitrary<List<int[]>> edits = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(-128, 255))
                .as((op, at, value) -> new int[] {op, at, value}).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(which, edits).as((w, list) -> {
            byte[][] original = validRecords.get(w);
            byte[] p = original[1].clone();
            for (int[] e : list) {
                if (p.length == 0) {
                    break;
                }
                int at = e[1] % p.length;
                if (e[0] == 0) {
                    p[at] = (byte) e[2];
                } else if (e[0] == 1) {
                    p = java.util.Arrays.copyOf(p, at);
                } else {
                    byte[] longer = new byte[p.length + 1];
                    System.arraycopy(p, 0, longer, 0, at);
                    longer[at] = (byte) e[2];
                    System.arraycopy(p, at, longer, at + 1, p.length - at);
                    p = longer;
                }
            }
            return new Hostile(original[0][0], p);
        });
    }

    /** Strings UTF-8 can carry (no unpaired surrogates): what a Java writer could have stored. */
    static boolean encodable(String s) {
        return s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }

    private static Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.of("requests", "jobs", "latency_seconds", "phase", "build", "x", "",
                        "9bad", "__reserved", "ends_total", "a_seconds", "le", "quantile"),
                Arbitraries.strings().ofMaxLength(12).filter(DirectoryRecordFuzzTest::encodable),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(3000));
    }

    private static Arbitrary<Double> hostileDoubles() {
        return Arbitraries.oneOf(Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                -0.0, 0.0, 1.0, Double.MAX_VALUE, Double.MIN_VALUE), Arbitraries.doubles());
    }

    /** Definition records built field by field: valid ones and ones that break one rule. */
    private Arbitrary<Hostile> metricRecords() {
        Arbitrary<Integer> type = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(1, 6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<List<String>> labels = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.<String>of())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(List.of("a", "b"))),
                net.jqwik.api.Tuple.of(2, names().list().ofMaxSize(4)));
        Arbitrary<List<Double>> buckets = Arbitraries.oneOf(
                Arbitraries.just(List.<Double>of()),
                Arbitraries.just(List.of(1.0, Double.POSITIVE_INFINITY)),
                hostileDoubles().list().ofMaxSize(6),
                Arbitraries.integers().between(1, 20_000).map(n -> {
                    List<Double> many = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        many.add((double) k);
                    }
                    many.add(Double.POSITIVE_INFINITY);
                    return many;
                }));
        Arbitrary<List<String>> states = Arbitraries.oneOf(Arbitraries.just(List.<String>of()),
                Arbitraries.just(List.of("a", "b")), names().list().ofMaxSize(4));
        Arbitrary<Boolean> trailing = Arbitraries.of(false, false, false, true);
        Arbitrary<Object> oddField = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(1.5, true),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(3).map(x -> x),
                Arbitraries.just(List.of(1L, 2L)));
        return Combinators.combine(type, names(), names(), labels, buckets, states, trailing, oddField)
                .as((t, name, unit, l, b, s, damage, odd) -> {
                    List<Object> fields = new ArrayList<>(List.of(t.longValue(), "fuzz_" + name, "help",
                            unit.length() > 8 ? "" : unit, l, b, s));
                    if (damage) {
                        // One field of the wrong type, or one field too many or too few.
                        int at = Math.floorMod(name.hashCode(), fields.size() + 2);
                        if (at < fields.size()) {
                            fields.set(at, odd);
                        } else if (at == fields.size()) {
                            fields.add(odd);
                        } else {
                            fields.remove(fields.size() - 1);
                        }
                    }
                    return new Hostile(1, DefaultCodec.INSTANCE.encode(fields));
                });
    }

    /** Series records with hostile metric ids, label values, block offsets and sizes. */
    private Arbitrary<Hostile> seriesRecords() {
        Arbitrary<Integer> ids = Arbitraries.oneOf(Arbitraries.integers().between(-2, 12),
                Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE));
        Arbitrary<Long> offsets = Arbitraries.oneOf(
                Arbitraries.of(0L, -1L, 64L, Long.MAX_VALUE, Long.MIN_VALUE, 16_576L, 49_152L, (long) validFile.length,
                        validFile.length - 64L, validFile.length + 64L),
                Arbitraries.longs().between(0, validFile.length + 8192L).map(x -> x & ~63L),
                Arbitraries.longs());
        Arbitrary<Long> sizes = Arbitraries.oneOf(Arbitraries.of(0L, -1L, 64L, 128L, 192L, 256L, 448L, 704L,
                Integer.MAX_VALUE + 1L, Long.MAX_VALUE), Arbitraries.longs().between(-10, 5000));
        Arbitrary<Hostile> made = Combinators.combine(ids, names().list().ofMaxSize(3), offsets, sizes)
                .as((id, labels, start, size) -> new Hostile(2, Record.encode(List.of(id.longValue(), labels, start,
                        size))));
        // A real series record with other label values: a second series over the same memory.
        List<byte[]> real = validRecords.stream().filter(r -> r[0][0] == 2).map(r -> r[1]).toList();
        // Sometimes with another size: smaller than a header, off by a little, or larger.
        Arbitrary<Long> sizeChange = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-64, 64)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-4096, 4096)));
        Arbitrary<Hostile> aliases = Combinators.combine(Arbitraries.of(real),
                        Arbitraries.strings().ofMaxLength(20).filter(DirectoryRecordFuzzTest::encodable), sizeChange)
                .as((payload, value, delta) -> {
                    Record in = Record.decode(payload, 4);
                    List<String> labels = new ArrayList<>(in.stringsAt(1));
                    labels.replaceAll(v -> value);
                    long size = delta == 0 ? in.longAt(3) : Math.max(1, in.longAt(3) + delta);
                    return new Hostile(2, Record.encode(List.of(in.longAt(0), labels, in.longAt(2), size)));
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, made), net.jqwik.api.Tuple.of(1, aliases));
    }
}
