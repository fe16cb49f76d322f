package io.mpmetrics.metrics;

import io.mpmetrics.heap.Block;
import io.mpmetrics.heap.Heap;
import io.mpmetrics.lock.LockGuard;
import io.mpmetrics.metrics.internal.CorruptRecordException;
import io.mpmetrics.metrics.internal.Directory;
import io.mpmetrics.metrics.internal.ExemplarSlot;
import io.mpmetrics.metrics.internal.Stripes;
import io.mpmetrics.metrics.internal.Record;
import io.mpmetrics.metrics.internal.Series;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics in one heap file, shared by every process that opens the file: registration
 * is get-or-create by name, so each process that registers the same definition gets the same
 * shared metric; a different definition under the same name is an
 * {@link IllegalArgumentException} naming both. A process that registered nothing can still
 * {@link #collect()} every metric in the file (exporters and the CLI do this).
 *
 * <pre>{@code
 * try (MetricsRegistry registry = MetricsRegistry.open(Path.of("/dev/shm/mpmetrics-me/app.mpm"))) {
 *     Counter requests = Counter.builder().name("requests").help("Requests handled")
 *             .labelNames("method").register(registry);
 *     requests.labelValues("GET").inc();
 *     List<MetricSnapshot> all = registry.collect();
 * }
 * }</pre>
 *
 * <p>Processes that use {@link #defaultRegistry()} share the file named by the environment
 * variable {@value #FILE_ENV} (or the system property {@value #FILE_PROPERTY}), so child JVMs
 * started with that variable join their parent's metrics.
 */
public final class MetricsRegistry implements Closeable {
    /** Environment variable naming the file of {@link #defaultRegistry()}. */
    public static final String FILE_ENV = "MPMETRICS_FILE";
    /** System property naming the file of {@link #defaultRegistry()} (wins over the environment). */
    public static final String FILE_PROPERTY = "mpmetrics.file";
    /** The most metrics one file holds. */
    public static final int MAX_METRICS = 10_000;
    static final int METRIC_RECORD = 1;
    static final int SERIES_RECORD = 2;

    private static volatile MetricsRegistry defaultRegistry;

    private final Heap heap;
    private final boolean ownsHeap;
    private final Directory directory;
    private final List<Entry> metrics = new ArrayList<>();
    private final Map<String, Entry> byName = new HashMap<>();
    /** Family and sample names (see {@link Names#exposedNames}) of every metric, to the first metric exposing each. */
    private final Map<String, Entry> byExposedName = new HashMap<>();

    /** A metric as the directory knows it. */
    static final class Entry {
        final int id;
        final MetricDefinition definition;
        final Map<List<String>, SeriesEntry> series = new LinkedHashMap<>();

        Entry(int id, MetricDefinition definition) {
            this.id = id;
            this.definition = definition;
        }
    }

    /** A series as the directory knows it; its view is made on first use. */
    static final class SeriesEntry {
        final List<String> labelValues;
        final long start;
        final long size;
        Series view;

        SeriesEntry(List<String> labelValues, long start, long size) {
            this.labelValues = labelValues;
            this.start = start;
            this.size = size;
        }
    }

    private MetricsRegistry(Heap heap, boolean ownsHeap, boolean create) {
        this.heap = heap;
        this.ownsHeap = ownsHeap;
        this.directory = create ? Directory.openOrCreate(heap) : Directory.openExisting(heap);
        Stripes.salt(heap.liveness().currentToken());
        catchUp();
    }

    /** The registry in {@code file}, creating the file (and its directory) if needed. */
    public static MetricsRegistry open(Path file) throws IOException {
        Heap heap = Heap.openOrCreate(file);
        return wrap(heap, true, true);
    }

    /**
     * The registry in an existing file, for readers such as exporters.
     *
     * @throws io.mpmetrics.heap.HeapFileException if the file is missing or not a heap file
     * @throws IllegalStateException if nothing was ever registered in it
     */
    public static MetricsRegistry openExisting(Path file) throws IOException {
        Heap heap = Heap.open(file);
        return wrap(heap, true, false);
    }

    /** A registry over an open heap (which the caller keeps and closes). */
    public static MetricsRegistry of(Heap heap) {
        return wrap(heap, false, true);
    }

    private static MetricsRegistry wrap(Heap heap, boolean owns, boolean create) {
        try {
            return new MetricsRegistry(heap, owns, create);
        } catch (RuntimeException e) {
            if (owns) {
                try {
                    heap.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /**
     * The process-wide registry in the file named by {@value #FILE_PROPERTY} or
     * {@value #FILE_ENV}; if neither is set, a new file in the default directory (see
     * {@link #path()} to hand it to child processes).
     */
    public static MetricsRegistry defaultRegistry() {
        MetricsRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (MetricsRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    try {
                        String named = configuredFile();
                        r = named != null ? open(Paths.get(named))
                                : wrap(Heap.create(), true, true);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open the default metrics registry", e);
                    }
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    /** The file named by the system property or environment, or null. */
    public static String configuredFile() {
        String named = System.getProperty(FILE_PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(FILE_ENV);
        }
        return named == null || named.isBlank() ? null : named;
    }

    /** The heap file. */
    public Path path() {
        return heap.path();
    }

    /** The heap behind this registry. */
    public Heap heap() {
        return heap;
    }

    /** Reads records other processes appended since the last call. */
    private synchronized void catchUp() {
        directory.catchUp((kind, payload) -> {
            try {
                apply(kind, payload);
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException(heap.path() + ": " + e.getMessage());
            }
        });
    }

    private void apply(int kind, byte[] payload) {
        if (kind == METRIC_RECORD) {
            MetricDefinition def = MetricDefinition.decode(payload);
            if (byName.containsKey(def.name())) {
                throw new CorruptRecordException("metric " + def.name() + " is defined twice");
            }
            Entry e = new Entry(metrics.size(), def);
            metrics.add(e);
            byName.put(def.name(), e);
            for (String exposed : Names.exposedNames(def.type(), def.name())) {
                // A clash recorded by a version that did not check is kept (and exposed) as it is.
                byExposedName.putIfAbsent(exposed, e);
            }
        } else if (kind == SERIES_RECORD) {
            Record in = Record.decode(payload, 4);
            long id = in.longAt(0);
            List<String> labels = in.stringsAt(1);
            long start = in.longAt(2);
            long size = in.longAt(3);
            if (id < 0 || id >= metrics.size()) {
                throw new CorruptRecordException("series record names unknown metric " + id);
            }
            Entry e = metrics.get((int) id);
            MetricDefinition def = e.definition;
            if (labels.size() != def.labelNames().size()) {
                throw new CorruptRecordException("series of " + def.name() + " has " + labels.size() + " label values");
            }
            if (size <= 0 || size > Integer.MAX_VALUE) {
                throw new CorruptRecordException("series of " + def.name() + " has size " + size);
            }
            try {
                heap.block(start, size);
            } catch (IllegalArgumentException ex) {
                throw new CorruptRecordException("series of " + def.name() + " points outside the heap: " + ex.getMessage());
            }
            if (e.series.putIfAbsent(List.copyOf(labels), new SeriesEntry(List.copyOf(labels), start, size)) != null) {
                throw new CorruptRecordException("series " + labels + " of " + def.name() + " is recorded twice");
            }
        } else {
            throw new CorruptRecordException("unknown directory record kind " + kind);
        }
    }

    /** Registers (or finds) {@code definition}, checking it against what the file holds. */
    synchronized Entry register(MetricDefinition definition) {
        catchUp();
        Entry e = byName.get(definition.name());
        if (e == null) {
            try (LockGuard held = directory.lock().lock()) {
                catchUp();
                e = byName.get(definition.name());
                if (e == null) {
                    if (metrics.size() >= MAX_METRICS) {
                        throw new CardinalityLimitException(heap.path() + ": already holds " + MAX_METRICS
                                + " metrics; refusing " + definition.name());
                    }
                    checkExposedNames(definition);
                    directory.append(METRIC_RECORD, definition.encode());
                    catchUp();
                    e = byName.get(definition.name());
                }
            }
        }
        if (!e.definition.compatibleWith(definition)) {
            throw new IllegalArgumentException("metric '" + definition.name() + "' is already registered in "
                    + heap.path() + " as [" + e.definition + "]; cannot register it as [" + definition + "]");
        }
        return e;
    }

    /**
     * Refuses a new metric that would put a name into the exposition that another metric of the
     * file already puts there (e.g. a gauge {@code s_sum} beside a summary {@code s}, or the
     * summary after the gauge). Called under the directory lock, caught up: so every process
     * checks against every metric of the file.
     */
    private void checkExposedNames(MetricDefinition definition) {
        for (String exposed : Names.exposedNames(definition.type(), definition.name())) {
            Entry other = byExposedName.get(exposed);
            if (other != null) {
                MetricDefinition o = other.definition;
                throw new IllegalArgumentException(describe(definition) + " clashes with " + describe(o)
                        + " already registered in " + heap.path() + ": both would expose the name '" + exposed
                        + "', which an exposition (and client_java's registry) allows only once");
            }
        }
    }

    private static String describe(MetricDefinition d) {
        return d.type().name().toLowerCase(java.util.Locale.ROOT) + " '" + d.name() + "' (exposing "
                + String.join(", ", Names.exposedNames(d.type(), d.name())) + ")";
    }

    /** The series of {@code entry} with {@code labelValues}, created if new. */
    synchronized Series series(Entry entry, List<String> labelValues, int maxLabelSets) {
        SeriesEntry s = entry.series.get(labelValues);
        if (s == null) {
            catchUp();
            s = entry.series.get(labelValues);
        }
        if (s == null) {
            try (LockGuard held = directory.lock().lock()) {
                catchUp();
                s = entry.series.get(labelValues);
                if (s == null) {
                    MetricDefinition def = entry.definition;
                    if (entry.series.size() >= maxLabelSets) {
                        throw new CardinalityLimitException("metric " + def.name() + " already has " + entry.series.size()
                                + " label sets (limit " + maxLabelSets + "); refusing " + labelValues);
                    }
                    int type = def.type().id();
                    int buckets = def.buckets().size();
                    int stripes = Series.striped(type) ? Stripes.count() : 1;
                    long size = Series.size(type, heap.layoutFamily(), buckets, stripes);
                    Block block = heap.malloc(size, 64);
                    Series view = Series.initialize(block.deref(), heap, type, buckets, stripes,
                            System.currentTimeMillis() / 1000.0);
                    List<String> labels = List.copyOf(labelValues);
                    // Applied here rather than decoded again from the directory: O(1), and cheaper.
                    directory.appendApplied(SERIES_RECORD, Record.encode(List.of((long) entry.id, labels,
                            block.start(), size)));
                    s = new SeriesEntry(labels, block.start(), size);
                    s.view = view;
                    entry.series.put(labels, s);
                }
            }
        }
        return view(entry, s);
    }

    private Series view(Entry entry, SeriesEntry s) {
        if (s.view == null) {
            MetricDefinition def = entry.definition;
            s.view = Series.attach(heap.block(s.start, s.size).deref(), heap, def.type().id(), def.buckets().size());
        }
        return s.view;
    }

    /** The definitions of every metric in the file, in registration order. */
    public synchronized List<MetricDefinition> definitions() {
        catchUp();
        List<MetricDefinition> out = new ArrayList<>(metrics.size());
        for (Entry e : metrics) {
            out.add(e.definition);
        }
        return out;
    }

    /** The number of series of each metric, by name. */
    public synchronized Map<String, Integer> seriesCounts() {
        catchUp();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Entry e : metrics) {
            out.put(e.definition.name(), e.series.size());
        }
        return out;
    }

    /**
     * Every metric and series in the file, whoever registered them, as immutable snapshots.
     * Histograms and summaries are read consistently (count == bucket total, sum of the same
     * observations).
     *
     * @throws CorruptMetricsException naming the file if its directory is damaged
     */
    public synchronized List<MetricSnapshot> collect() {
        catchUp();
        List<MetricSnapshot> out = new ArrayList<>(metrics.size());
        for (Entry e : metrics) {
            List<DataPoint> points = new ArrayList<>(e.series.size());
            for (SeriesEntry s : e.series.values()) {
                DataPoint p = point(e.definition, s.labelValues, view(e, s));
                if (p != null) {
                    points.add(p);
                }
            }
            out.add(new MetricSnapshot(e.definition, points));
        }
        return out;
    }

    private static DataPoint point(MetricDefinition def, List<String> labels, Series s) {
        long created = Math.round(s.createdSeconds() * 1000);
        switch (def.type()) {
            case COUNTER:
                return new DataPoint.CounterPoint(labels, created, s.counter.get(), exemplar(s, 0));
            case GAUGE:
                return new DataPoint.GaugePoint(labels, created, s.gauge.get());
            case SUMMARY: {
                long[] cs = s.observations.read(new long[0]);
                return new DataPoint.SummaryPoint(labels, created, cs[0], Double.longBitsToDouble(cs[1]));
            }
            case HISTOGRAM: {
                long[] buckets = new long[def.buckets().size()];
                long[] cs = s.observations.read(buckets);
                List<Exemplar> exemplars = new ArrayList<>(buckets.length);
                for (int b = 0; b < buckets.length; b++) {
                    exemplars.add(exemplar(s, b));
                }
                return new DataPoint.HistogramPoint(labels, created, buckets, cs[0], Double.longBitsToDouble(cs[1]),
                        exemplars);
            }
            case STATESET: {
                long index = s.state.get();
                int active = index >= 0 && index < def.states().size() ? (int) index : 0;
                return new DataPoint.StateSetPoint(labels, created, active);
            }
            case INFO:
                return new DataPoint.InfoPoint(labels, created);
            default:
                throw new AssertionError(def.type());
        }
    }

    private static Exemplar exemplar(Series series, int index) {
        ExemplarSlot.Stored stored = series.exemplar(index);
        return stored == null ? null : new Exemplar(stored.labelPairs(), stored.value(), stored.timestampMillis());
    }

    /** Closes the heap if this registry opened it. Metrics made from it must no longer be used. */
    @Override
    public void close() throws IOException {
        if (ownsHeap) {
            heap.close();
        }
        synchronized (MetricsRegistry.class) {
            if (defaultRegistry == this) {
                defaultRegistry = null;
            }
        }
    }

    @Override
    public String toString() {
        return "MetricsRegistry[" + heap.path() + "]";
    }
}
