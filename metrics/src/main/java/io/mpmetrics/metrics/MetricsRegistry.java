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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The metrics in one heap file, shared by every process that opens the file: registration
 * is get-or-create by name, so each process that registers the same definition gets the same
 * shared metric; a different definition under the same name is an
 * {@link IllegalArgumentException} naming both. A process that registered nothing can still
 * {@link #collect()} every metric in the file (exporters and the CLI do this).
 *
 * <pre>{@code
 * try (MetricsRegistry registry = MetricsRegistry.openOrCreate(Path.of("/dev/shm/mpmetrics-me/app.mpm"))) {
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
    /** The start of the name of a process-private file (see {@link #defaultRegistry()}). */
    public static final String PRIVATE_FILE_PREFIX = "private-";
    /** The most metrics one file holds. */
    public static final int MAX_METRICS = 10_000;
    static final int METRIC_RECORD = 1;
    static final int SERIES_RECORD = 2;

    private static volatile MetricsRegistry defaultRegistry;

    private final Heap heap;
    private final boolean ownsHeap;
    /** A file of {@link #defaultRegistry()} without a configured file: deleted on close and at exit. */
    private final boolean processPrivate;
    private Thread deleteAtExit;
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

    private MetricsRegistry(Heap heap, boolean ownsHeap, boolean create, boolean processPrivate) {
        this.heap = heap;
        this.ownsHeap = ownsHeap;
        this.processPrivate = processPrivate;
        this.directory = create ? Directory.openOrCreate(heap) : Directory.openExisting(heap);
        Stripes.salt(heap.liveness().currentToken());
        catchUp();
    }

    /**
     * The registry in {@code file}, creating the file (and its directory) if needed; every
     * process that shares metrics calls this with the same path.
     *
     * @param file the heap file
     * @return the registry, which owns (and on {@link #close()} closes) its heap
     * @throws IOException if the file cannot be created or opened
     * @throws io.mpmetrics.heap.HeapFileException if the file exists but is not a usable heap file
     */
    public static MetricsRegistry openOrCreate(Path file) throws IOException {
        Heap heap = Heap.openOrCreate(file);
        return wrap(heap, true, true, false);
    }

    /**
     * A registry in a new file, refusing a file that already exists.
     *
     * @param file the heap file to create
     * @return the registry, which owns (and on {@link #close()} closes) its heap
     * @throws IOException if the file cannot be created
     * @throws io.mpmetrics.heap.HeapFileException if the file already exists
     */
    public static MetricsRegistry create(Path file) throws IOException {
        Heap heap = Heap.create(file);
        return wrap(heap, true, true, false);
    }

    /**
     * The registry in an existing file, for readers such as exporters.
     *
     * @param file the heap file
     * @return the registry, which owns (and on {@link #close()} closes) its heap
     * @throws IOException if the file cannot be opened
     * @throws io.mpmetrics.heap.HeapFileException if the file is missing or not a heap file
     * @throws IllegalStateException if nothing was ever registered in it
     */
    public static MetricsRegistry openExisting(Path file) throws IOException {
        Heap heap = Heap.openExisting(file);
        return wrap(heap, true, false, false);
    }

    /**
     * A registry over an open heap (which the caller keeps and closes).
     *
     * @param heap the heap; its metrics directory is created if it has none
     * @return the registry
     */
    public static MetricsRegistry of(Heap heap) {
        return wrap(heap, false, true, false);
    }

    private static MetricsRegistry wrap(Heap heap, boolean owns, boolean create, boolean processPrivate) {
        try {
            return new MetricsRegistry(heap, owns, create, processPrivate);
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
     * The process-wide registry, used by {@link MetricBuilder#register()}.
     *
     * <ul>
     * <li>With the system property {@value #FILE_PROPERTY} or the environment variable
     * {@value #FILE_ENV} set: the registry in that file, created if missing and kept when the
     * JVM exits, so that several processes (e.g. workers started with that variable inherited,
     * or runs of a batch job) share their metrics and an exporter can read them.</li>
     * <li>Without either: a <em>process-private</em> registry in a new file
     * {@value #PRIVATE_FILE_PREFIX}{@code PID-RANDOM.mpm} in {@link Heap#defaultDirectory()},
     * deleted when the registry is {@linkplain #close() closed} or the JVM exits normally (a
     * shutdown hook), so single-process use leaves no files behind. Child processes can still
     * join it while this JVM runs: pass {@link #path()} to them in {@value #FILE_ENV}. A JVM
     * killed with SIGKILL cannot delete it; the {@code PID} in its name tells whose it was.</li>
     * </ul>
     *
     * @return the default registry (the same one until it is closed)
     * @throws UncheckedIOException if the file cannot be opened or created
     */
    public static MetricsRegistry defaultRegistry() {
        MetricsRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (MetricsRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    try {
                        String named = configuredFile();
                        r = named != null ? openOrCreate(Paths.get(named)) : createProcessPrivate();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open the default metrics registry", e);
                    }
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    /** A new file in the default directory, deleted on close or when the JVM exits. */
    private static MetricsRegistry createProcessPrivate() throws IOException {
        Path file = Heap.defaultDirectory().resolve(PRIVATE_FILE_PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".mpm");
        MetricsRegistry r;
        try {
            r = wrap(Heap.create(file), true, true, true);
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        Thread hook = new Thread(r::deletePrivateFile, "mpmetrics-delete-" + file.getFileName());
        r.deleteAtExit = hook;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            r.deleteAtExit = null;
        }
        return r;
    }

    /**
     * Whether this registry's file is process-private (see {@link #defaultRegistry()}): it is
     * deleted when this registry closes or the JVM exits.
     *
     * @return true for the default registry of a JVM without a configured file
     */
    public boolean isProcessPrivate() {
        return processPrivate;
    }

    private void deletePrivateFile() {
        try {
            Files.deleteIfExists(heap.path());
        } catch (IOException e) {
            // Nothing to report to at exit; the PID in the name lets a cleaner find it later.
        }
    }

    /**
     * The file named by the system property {@value #FILE_PROPERTY} or, if that is unset or
     * blank, the environment variable {@value #FILE_ENV}.
     *
     * @return the configured path, or null if neither is set
     */
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
    synchronized Series series(Entry entry, List<String> labelValues) {
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
                    // The limit recorded in the file counts the label sets of every process.
                    if (entry.series.size() >= def.maxLabelSets()) {
                        throw new CardinalityLimitException("metric " + def.name() + " already has " + entry.series.size()
                                + " label sets in " + heap.path() + " (limit " + def.maxLabelSets() + ", made by all "
                                + "processes together); refusing " + labelValues);
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

    /**
     * The value of one sample as the Prometheus text format would show it, or empty if the file
     * has no such sample: a lookup for tests and tools, like client_python's
     * {@code get_sample_value}, without building a snapshot of the whole file.
     *
     * <table>
     * <caption>Sample names by metric type</caption>
     * <tr><th>metric {@code x} of type</th><th>sample names (extra label)</th></tr>
     * <tr><td>counter</td><td>{@code x_total}, {@code x_created}</td></tr>
     * <tr><td>gauge</td><td>{@code x}</td></tr>
     * <tr><td>summary</td><td>{@code x_count}, {@code x_sum}, {@code x_created}</td></tr>
     * <tr><td>histogram</td><td>{@code x_bucket} ({@code le}: cumulative, as exposed),
     *     {@code x_count}, {@code x_sum}, {@code x_created}</td></tr>
     * <tr><td>state set</td><td>{@code x} ({@code x}: the state; 1 if active, else 0)</td></tr>
     * <tr><td>info</td><td>{@code x_info} (always 1)</td></tr>
     * </table>
     *
     * <p>{@code _created} is in seconds since the epoch. {@code labels} must name exactly the
     * metric's labels (plus the extra label above); {@code le} is compared as a number, so
     * {@code "1"}, {@code "1.0"} and {@code "+Inf"} all work.
     *
     * <pre>{@code
     * double served = registry.sampleValue("http_requests_total", Map.of("method", "GET")).orElse(0);
     * }</pre>
     *
     * @param sampleName the sample's name, e.g. {@code requests_total}
     * @param labels label names to values (null or empty for none)
     * @return the value, or empty if no such sample is in the file
     * @throws CorruptMetricsException naming the file if its directory is damaged
     */
    public synchronized OptionalDouble sampleValue(String sampleName, Map<String, String> labels) {
        java.util.Objects.requireNonNull(sampleName, "sampleName");
        Map<String, String> given = labels == null ? Map.of() : labels;
        catchUp();
        for (Map.Entry<String, Entry> named : byName.entrySet()) {
            String base = named.getKey();
            if (!sampleName.startsWith(base)) {
                continue;
            }
            OptionalDouble v = sampleOf(named.getValue(), sampleName.substring(base.length()), given);
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * {@link #sampleValue(String, Map)} of a sample without labels.
     *
     * @param sampleName the sample's name, e.g. {@code jobs_total}
     * @return the value, or empty if no such sample is in the file
     */
    public OptionalDouble sampleValue(String sampleName) {
        return sampleValue(sampleName, Map.of());
    }

    /** The sample {@code suffix} of metric {@code e}, for exactly these labels. */
    private OptionalDouble sampleOf(Entry e, String suffix, Map<String, String> labels) {
        MetricDefinition def = e.definition;
        String extra = null;
        switch (def.type()) {
            case COUNTER:
                if (!suffix.equals("_total") && !suffix.equals("_created")) {
                    return OptionalDouble.empty();
                }
                break;
            case GAUGE:
                if (!suffix.isEmpty()) {
                    return OptionalDouble.empty();
                }
                break;
            case SUMMARY:
                if (!suffix.equals("_count") && !suffix.equals("_sum") && !suffix.equals("_created")) {
                    return OptionalDouble.empty();
                }
                break;
            case HISTOGRAM:
                if (suffix.equals("_bucket")) {
                    extra = "le";
                } else if (!suffix.equals("_count") && !suffix.equals("_sum") && !suffix.equals("_created")) {
                    return OptionalDouble.empty();
                }
                break;
            case STATESET:
                if (!suffix.isEmpty()) {
                    return OptionalDouble.empty();
                }
                extra = def.name();
                break;
            case INFO:
                if (!suffix.equals("_info")) {
                    return OptionalDouble.empty();
                }
                break;
            default:
                return OptionalDouble.empty();
        }
        List<String> names = def.labelNames();
        if (labels.size() != names.size() + (extra == null ? 0 : 1) || (extra != null && !labels.containsKey(extra))) {
            return OptionalDouble.empty();
        }
        List<String> values = new ArrayList<>(names.size());
        for (String name : names) {
            String v = labels.get(name);
            if (v == null) {
                return OptionalDouble.empty();
            }
            values.add(v);
        }
        SeriesEntry found = e.series.get(values);
        if (found == null) {
            return OptionalDouble.empty();
        }
        Series series = view(e, found);
        if (suffix.equals("_created")) {
            return OptionalDouble.of(series.createdSeconds());
        }
        switch (def.type()) {
            case COUNTER:
                return OptionalDouble.of(series.counter.get());
            case GAUGE:
                return OptionalDouble.of(series.gauge.get());
            case INFO:
                return OptionalDouble.of(1);
            case STATESET: {
                int state = def.states().indexOf(labels.get(extra));
                if (state < 0) {
                    return OptionalDouble.empty();
                }
                long active = series.state.get();
                return OptionalDouble.of((active >= 0 && active < def.states().size() ? active : 0) == state ? 1 : 0);
            }
            default:
                break;
        }
        // Summary or histogram: one consistent read of count, sum and buckets.
        long[] buckets = new long[def.type() == MetricType.HISTOGRAM ? def.buckets().size() : 0];
        long[] countAndSum = series.observations.read(buckets);
        if (suffix.equals("_count")) {
            return OptionalDouble.of(countAndSum[0]);
        }
        if (suffix.equals("_sum")) {
            return OptionalDouble.of(Double.longBitsToDouble(countAndSum[1]));
        }
        String bound = labels.get(extra).trim();
        double le;
        try {
            le = bound.equals("+Inf") || bound.equals("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        } catch (NumberFormatException notANumber) {
            return OptionalDouble.empty();
        }
        long cumulative = 0;
        for (int b = 0; b < buckets.length; b++) {
            cumulative += buckets[b];
            if (def.buckets().get(b) == le) {
                return OptionalDouble.of(cumulative);
            }
        }
        return OptionalDouble.empty();
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

    /**
     * Closes the heap if this registry opened it, and deletes a process-private file (see
     * {@link #defaultRegistry()}). Metrics made from it must no longer be used.
     *
     * @throws IOException if the heap cannot be closed
     */
    @Override
    public void close() throws IOException {
        if (ownsHeap) {
            heap.close();
        }
        if (processPrivate) {
            deletePrivateFile();
            Thread hook = deleteAtExit;
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway and finds nothing to delete
                }
            }
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
