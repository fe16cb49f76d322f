package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;
import io.mpmetrics.spi.Backends;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A second process reading a file: {@code DumpMain FILE BACKEND} prints every series as one
 * {@code S ...} line (see {@link #lines}), {@code METRICS <count>} and then {@code DONE}. Tests compare its lines with
 * what the writing process reads itself, to prove that what is stored survives.
 */
public final class DumpMain {
    private DumpMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Heap heap = Heap.openExisting(Paths.get(args[0]), Backends.named(args[1]))) {
            MetricsRegistry registry = MetricsRegistry.of(heap);
            List<MetricSnapshot> all = registry.collect();
            for (String line : lines(all)) {
                System.out.println(line);
            }
            System.out.println("METRICS " + all.size());
        }
        System.out.println("DONE");
        System.out.flush();
    }

    /** One line per series: name, label values and the values of its type. */
    static List<String> lines(List<MetricSnapshot> snapshot) {
        List<String> out = new ArrayList<>();
        for (MetricSnapshot m : snapshot) {
            for (DataPoint p : m.dataPoints()) {
                String v;
                if (p instanceof DataPoint.CounterPoint c) {
                    v = "counter " + c.value();
                } else if (p instanceof DataPoint.GaugePoint g) {
                    v = "gauge " + g.value();
                } else if (p instanceof DataPoint.SummaryPoint s) {
                    v = "summary " + s.count() + " " + s.sum();
                } else if (p instanceof DataPoint.HistogramPoint h) {
                    v = "histogram " + h.count() + " " + h.sum() + " " + Arrays.toString(h.bucketCounts());
                } else if (p instanceof DataPoint.StateSetPoint st) {
                    v = "stateset " + st.activeState();
                } else {
                    v = "info";
                }
                out.add("S " + m.name() + " " + p.labelValues() + " " + v);
            }
        }
        return out;
    }
}
