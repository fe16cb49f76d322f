package io.mpmetrics.cli;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.heap.HeapHeader;
import io.mpmetrics.heap.Region;
import io.mpmetrics.metrics.CorruptMetricsException;
import io.mpmetrics.metrics.MetricDefinition;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;
import io.mpmetrics.spi.LayoutFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code mpmetrics inspect --file F}: what a heap file holds. The header fields (format version,
 * layout family, byte order, map size), the file's size and how much of it is allocated, the
 * backend this JVM selected, and each metric with its type and number of series.
 *
 * <pre>
 * ./mpmetrics inspect --file /dev/shm/mpmetrics-$USER/app.mpm
 * </pre>
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a heap file's header, size and use, the selected backend, and its metrics.")
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the heap file")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Heap heap = RegistryFiles.openHeap(file)) {
            Region h = heap.header();
            int family = h.getInt(HeapHeader.LAYOUT_FAMILY_OFFSET);
            LayoutFamily layout = LayoutFamily.ofId(family);
            // Heap.openExisting refused the file unless the mark reads back as written, i.e. natively.
            boolean nativeOrder = h.getInt(HeapHeader.BYTE_ORDER_OFFSET) == HeapHeader.BYTE_ORDER_MARK;
            long fileSize = heap.fileSize();
            long used = heap.used();
            Backend backend = heap.backend();
            row(out, "file", heap.path());
            row(out, "format version", h.getInt(HeapHeader.FORMAT_VERSION_OFFSET));
            row(out, "layout family", (layout == null ? "unknown id " + family : layout)
                    + (layout == LayoutFamily.LOCKING ? " (a lock beside every value; backend locking)"
                            : " (lock-free backends: varhandle, unsafe)"));
            row(out, "byte order", nativeOrder ? ByteOrder.nativeOrder() + " (native)" : "foreign");
            row(out, "map size", bytes(h.getLong(HeapHeader.MAP_SIZE_OFFSET)));
            row(out, "header size", bytes(h.getInt(HeapHeader.HEADER_SIZE_OFFSET)) + ", "
                    + h.getInt(HeapHeader.SLOT_COUNT_OFFSET) + " process slots");
            row(out, "file size", bytes(fileSize));
            row(out, "used", bytes(used) + String.format(Locale.ROOT, " (%.1f%% of the file)",
                    fileSize == 0 ? 0.0 : 100.0 * used / fileSize));
            String forced = Backends.forcedName();
            row(out, "backend", backend.name() + " (selected by this JVM" + (forced != null
                    ? ", forced by -Dmpmetrics.backend or MPMETRICS_BACKEND" : ", highest priority that works")
                    + "; priority " + backend.priority() + ", layout family " + backend.layoutFamily() + ")");
            row(out, "backends found", backendsFound());
            printMetrics(out, heap);
        }
        out.flush();
        return Main.OK;
    }

    /**
     * The backends on the class or module path, by name and priority, without probing them:
     * selection probes only down to the backend it picks, because a probe can have effects (on
     * JDK 24+ the unsafe one makes the JDK print a warning).
     */
    private static String backendsFound() {
        List<Backend> backends = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Iterator<Backend> it = ServiceLoader.load(Backend.class).iterator(); ; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                backends.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failed.add("a provider that fails to load (" + Errors.oneLine(e.getMessage()) + ")");
            }
        }
        backends.sort(Comparator.comparingInt(Backend::priority).reversed());
        List<String> found = new ArrayList<>();
        for (Backend b : backends) {
            found.add(b.name() + " (priority " + b.priority() + ")");
        }
        found.addAll(failed);
        return found.isEmpty() ? "none" : String.join(", ", found);
    }

    private void printMetrics(PrintWriter out, Heap heap) throws IOException {
        List<MetricDefinition> definitions;
        Map<String, Integer> series;
        try (MetricsRegistry registry = MetricsRegistry.openExisting(heap.path())) {
            definitions = registry.definitions();
            series = registry.seriesCounts();
        } catch (CorruptMetricsException e) {
            throw new CliException(Errors.about(heap.path(), e), e);
        } catch (IllegalStateException e) {
            // A heap that no registry was ever created in: a valid file, with no metrics.
            row(out, "metrics", "none (no metrics registry in this file)");
            return;
        }
        row(out, "metrics", definitions.size());
        if (definitions.isEmpty()) {
            return;
        }
        int nameWidth = "NAME".length();
        for (MetricDefinition d : definitions) {
            nameWidth = Math.max(nameWidth, d.name().length());
        }
        String format = "  %-10s %-" + nameWidth + "s %7s  %s%n";
        out.printf(Locale.ROOT, format, "TYPE", "NAME", "SERIES", "LABELS");
        for (MetricDefinition d : definitions) {
            String labels = d.labelNames().isEmpty() ? "-" : String.join(",", d.labelNames());
            if (!d.unit().isEmpty()) {
                labels += "  (unit " + d.unit() + ")";
            }
            out.printf(Locale.ROOT, format, d.type().name().toLowerCase(Locale.ROOT), d.name(),
                    series.getOrDefault(d.name(), 0), labels);
        }
    }

    private static void row(PrintWriter out, String key, Object value) {
        out.printf(Locale.ROOT, "%-15s %s%n", key, value);
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        double kib = n / 1024.0;
        return String.format(Locale.ROOT, "%,d bytes (%s)", n,
                kib < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kib)
                        : String.format(Locale.ROOT, "%.1f MiB", kib / 1024));
    }
}
