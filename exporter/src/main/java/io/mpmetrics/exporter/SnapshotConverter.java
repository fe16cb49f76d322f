package io.mpmetrics.exporter;

import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricDefinition;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns mpmetrics snapshots into Prometheus Java client snapshots, one metric at a time.
 *
 * <p>Mapping (mpmetrics → client_java):
 * <pre>
 *  COUNTER   CounterPoint(value, exemplar, created)      → CounterDataPointSnapshot(value, labels, exemplar, created)
 *  GAUGE     GaugePoint(value)                           → GaugeDataPointSnapshot(value, labels, no exemplar)
 *  SUMMARY   SummaryPoint(count, sum, created)           → SummaryDataPointSnapshot(count, sum, no quantiles, created)
 *  HISTOGRAM HistogramPoint(per-bucket counts, sum,      → HistogramDataPointSnapshot(ClassicHistogramBuckets(bounds,
 *            per-bucket exemplars, created)                 per-bucket counts), sum, exemplars, created)
 *  STATESET  StateSetPoint(active index)                 → StateSetDataPointSnapshot(states, one true)
 *  INFO      InfoPoint(labels)                           → InfoDataPointSnapshot(labels)
 * </pre>
 * {@code ClassicHistogramBuckets} takes per-bucket (not cumulative) counts, as mpmetrics stores
 * them: client_java's writers accumulate while they print the {@code le} series, and derive the
 * data point's count from the bucket total. A histogram exemplar is written by client_java on the
 * bucket whose range ({@code (previous bound, bound]}) holds its value, which is the bucket that
 * recorded it.
 *
 * <p>OpenMetrics forbids a unit on info and state set metrics; the metrics module refuses one at
 * registration (and in definitions read from a file), so none reaches here.
 */
final class SnapshotConverter {
    private SnapshotConverter() {
    }

    /** The client_java type of an mpmetrics type. */
    static MetricType type(io.mpmetrics.metrics.MetricType type) {
        switch (type) {
            case COUNTER:
                return MetricType.COUNTER;
            case GAUGE:
                return MetricType.GAUGE;
            case SUMMARY:
                return MetricType.SUMMARY;
            case HISTOGRAM:
                return MetricType.HISTOGRAM;
            case STATESET:
                return MetricType.STATESET;
            case INFO:
                return MetricType.INFO;
            default:
                throw new IllegalArgumentException("no Prometheus type for " + type);
        }
    }

    /** Name, help and unit as client_java wants them (no help → null, so that none is written). */
    static MetricMetadata metadata(MetricDefinition def) {
        String help = def.help().isEmpty() ? null : def.help();
        Unit unit = def.unit().isEmpty() ? null : new Unit(def.unit());
        return new MetricMetadata(def.name(), help, unit);
    }

    /**
     * The client_java snapshot of one mpmetrics metric.
     *
     * @throws IllegalStateException naming the metric if client_java refuses it
     */
    static MetricSnapshot convert(io.mpmetrics.metrics.MetricSnapshot snapshot) {
        MetricDefinition def = snapshot.definition();
        try {
            MetricMetadata meta = metadata(def);
            List<DataPoint> points = snapshot.dataPoints();
            switch (def.type()) {
                case COUNTER:
                    return counter(meta, def, points);
                case GAUGE:
                    return gauge(meta, def, points);
                case SUMMARY:
                    return summary(meta, def, points);
                case HISTOGRAM:
                    return histogram(meta, def, points);
                case STATESET:
                    return stateSet(meta, def, points);
                case INFO:
                    return info(meta, def, points);
                default:
                    throw new IllegalArgumentException("unknown metric type " + def.type());
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("cannot export metric [" + def + "]: " + e.getMessage(), e);
        }
    }

    private static Labels labels(MetricDefinition def, DataPoint p) {
        return def.labelNames().isEmpty() ? Labels.EMPTY : Labels.of(def.labelNames(), p.labelValues());
    }

    private static Exemplar exemplar(io.mpmetrics.metrics.Exemplar e) {
        if (e == null) {
            return null;
        }
        return new Exemplar(e.value(), Labels.of(e.labelPairs().toArray(new String[0])), e.timestampMillis());
    }

    private static CounterSnapshot counter(MetricMetadata meta, MetricDefinition def, List<DataPoint> points) {
        List<CounterSnapshot.CounterDataPointSnapshot> out = new ArrayList<>(points.size());
        for (DataPoint p : points) {
            DataPoint.CounterPoint c = (DataPoint.CounterPoint) p;
            out.add(new CounterSnapshot.CounterDataPointSnapshot(c.value(), labels(def, c), exemplar(c.exemplar()),
                    c.createdMillis()));
        }
        return new CounterSnapshot(meta, out);
    }

    private static GaugeSnapshot gauge(MetricMetadata meta, MetricDefinition def, List<DataPoint> points) {
        List<GaugeSnapshot.GaugeDataPointSnapshot> out = new ArrayList<>(points.size());
        for (DataPoint p : points) {
            DataPoint.GaugePoint g = (DataPoint.GaugePoint) p;
            out.add(new GaugeSnapshot.GaugeDataPointSnapshot(g.value(), labels(def, g), null));
        }
        return new GaugeSnapshot(meta, out);
    }

    private static SummarySnapshot summary(MetricMetadata meta, MetricDefinition def, List<DataPoint> points) {
        List<SummarySnapshot.SummaryDataPointSnapshot> out = new ArrayList<>(points.size());
        for (DataPoint p : points) {
            DataPoint.SummaryPoint s = (DataPoint.SummaryPoint) p;
            out.add(new SummarySnapshot.SummaryDataPointSnapshot(s.count(), s.sum(), Quantiles.EMPTY, labels(def, s),
                    Exemplars.EMPTY, s.createdMillis()));
        }
        return new SummarySnapshot(meta, out);
    }

    private static HistogramSnapshot histogram(MetricMetadata meta, MetricDefinition def, List<DataPoint> points) {
        List<Double> boundList = def.buckets();
        double[] bounds = new double[boundList.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = boundList.get(i);
        }
        List<HistogramSnapshot.HistogramDataPointSnapshot> out = new ArrayList<>(points.size());
        for (DataPoint p : points) {
            DataPoint.HistogramPoint h = (DataPoint.HistogramPoint) p;
            long[] counts = h.bucketCounts();
            if (counts.length != bounds.length) {
                throw new IllegalArgumentException("series " + h.labelValues() + " has " + counts.length
                        + " buckets, the definition " + bounds.length);
            }
            List<Exemplar> exemplars = new ArrayList<>();
            for (io.mpmetrics.metrics.Exemplar e : h.exemplars()) {
                Exemplar converted = exemplar(e);
                if (converted != null) {
                    exemplars.add(converted);
                }
            }
            out.add(new HistogramSnapshot.HistogramDataPointSnapshot(ClassicHistogramBuckets.of(bounds, counts), h.sum(),
                    labels(def, h), exemplars.isEmpty() ? Exemplars.EMPTY : Exemplars.of(exemplars),
                    h.createdMillis()));
        }
        return new HistogramSnapshot(meta, out);
    }

    private static StateSetSnapshot stateSet(MetricMetadata meta, MetricDefinition def, List<DataPoint> points) {
        String[] states = def.states().toArray(new String[0]);
        List<StateSetSnapshot.StateSetDataPointSnapshot> out = new ArrayList<>(points.size());
        for (DataPoint p : points) {
            DataPoint.StateSetPoint s = (DataPoint.StateSetPoint) p;
            boolean[] active = new boolean[states.length];
            active[s.activeState()] = true;
            out.add(new StateSetSnapshot.StateSetDataPointSnapshot(states, active, labels(def, s)));
        }
        return new StateSetSnapshot(meta, out);
    }

    private static InfoSnapshot info(MetricMetadata meta, MetricDefinition def, List<DataPoint> points) {
        List<InfoSnapshot.InfoDataPointSnapshot> out = new ArrayList<>(points.size());
        for (DataPoint p : points) {
            out.add(new InfoSnapshot.InfoDataPointSnapshot(labels(def, p)));
        }
        return new InfoSnapshot(meta, out);
    }
}
