package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.CorruptRecordException;
import io.mpmetrics.metrics.internal.Record;

import java.util.List;
import java.util.Objects;

/**
 * What a metric is, as recorded in the file: every process that registers the same name must
 * give the same type, unit, label names, buckets, states and label-set limit (the help text of
 * the first registration is kept).
 *
 * @param type the kind of metric
 * @param name the name without suffixes such as {@code _total}
 * @param help the help text
 * @param unit the unit ("" for none)
 * @param labelNames the label names, in order
 * @param buckets histogram upper bounds ending with +Inf (empty for other types)
 * @param states the states of a state set (empty for other types)
 * @param maxLabelSets the most label sets (series) the metric may have in the file, counting
 *     those of every process ({@link MetricBuilder#maxLabelSets(int)})
 */
public record MetricDefinition(MetricType type, String name, String help, String unit, List<String> labelNames,
                               List<Double> buckets, List<String> states, int maxLabelSets) {
    /**
     * Checks the non-null parts and copies the lists.
     *
     * @throws IllegalArgumentException if {@code maxLabelSets} is below 1
     */
    public MetricDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (maxLabelSets < 1) {
            throw new IllegalArgumentException("maxLabelSets of " + name + " must be at least 1, got " + maxLabelSets);
        }
        help = help == null ? "" : help;
        unit = unit == null ? "" : unit;
        labelNames = List.copyOf(labelNames);
        buckets = List.copyOf(buckets);
        states = List.copyOf(states);
    }

    /**
     * A definition with the default label-set limit
     * ({@value MetricBuilder#DEFAULT_MAX_LABEL_SETS}).
     *
     * @param type the kind of metric
     * @param name the name without suffixes such as {@code _total}
     * @param help the help text
     * @param unit the unit ("" for none)
     * @param labelNames the label names, in order
     * @param buckets histogram upper bounds ending with +Inf (empty for other types)
     * @param states the states of a state set (empty for other types)
     */
    public MetricDefinition(MetricType type, String name, String help, String unit, List<String> labelNames,
                            List<Double> buckets, List<String> states) {
        this(type, name, help, unit, labelNames, buckets, states, MetricBuilder.DEFAULT_MAX_LABEL_SETS);
    }

    /**
     * Whether a process registering {@code other} may share this metric: everything but the help
     * text must be equal, the label-set limit included.
     *
     * @param other the definition another registration gives
     * @return whether both describe the same metric
     */
    public boolean compatibleWith(MetricDefinition other) {
        return type == other.type && name.equals(other.name) && unit.equals(other.unit)
                && labelNames.equals(other.labelNames) && buckets.equals(other.buckets) && states.equals(other.states)
                && maxLabelSets == other.maxLabelSets;
    }

    /** The bucket upper bounds as an array. */
    double[] bucketArray() {
        double[] b = new double[buckets.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = buckets.get(i);
        }
        return b;
    }

    byte[] encode() {
        return Record.encode(List.of((long) type.id(), name, help, unit, labelNames, buckets, states,
                (long) maxLabelSets));
    }

    /** Decodes and re-validates a definition read from a file. */
    static MetricDefinition decode(byte[] payload) {
        Record r = Record.decode(payload, 8);
        long typeId = r.longAt(0);
        MetricType type = typeId == (int) typeId ? MetricType.ofId((int) typeId) : null;
        if (type == null) {
            throw new CorruptRecordException("unknown metric type " + typeId + " in a definition record");
        }
        long limit = r.longAt(7);
        if (limit < 1 || limit > Integer.MAX_VALUE) {
            throw new CorruptRecordException("label-set limit " + limit + " of metric " + r.stringAt(1)
                    + " in a definition record is not in 1.." + Integer.MAX_VALUE);
        }
        MetricDefinition def;
        try {
            def = new MetricDefinition(type, r.stringAt(1), r.stringAt(2), r.stringAt(3), r.stringsAt(4),
                    r.doublesAt(5), r.stringsAt(6), (int) limit);
            def.validate();
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("invalid metric definition record: " + e.getMessage());
        }
        return def;
    }

    /** Checks every rule a builder checks (used on definitions read from files too). */
    void validate() {
        Names.checkMetricName(name);
        Names.checkUnit(name, unit);
        if (!unit.isEmpty() && (type == MetricType.STATESET || type == MetricType.INFO)) {
            // OpenMetrics gives these types no unit; client_java's snapshots refuse one at scrape time.
            throw new IllegalArgumentException(type + " " + name + " cannot have a unit (got " + unit + ")");
        }
        Names.checkLabelNames(labelNames, name, reservedLabels(type, name));
        if (type == MetricType.HISTOGRAM) {
            Histogram.checkBuckets(bucketArray(), name);
        } else if (!buckets.isEmpty()) {
            throw new IllegalArgumentException(type + " " + name + " cannot have buckets");
        }
        if (type == MetricType.STATESET) {
            StateSet.checkStates(states, name);
        } else if (!states.isEmpty()) {
            throw new IllegalArgumentException(type + " " + name + " cannot have states");
        }
    }

    static java.util.Set<String> reservedLabels(MetricType type, String name) {
        switch (type) {
            case HISTOGRAM:
                return java.util.Set.of("le");
            case SUMMARY:
                return java.util.Set.of("quantile");
            case STATESET:
                return java.util.Set.of(name);
            default:
                return java.util.Set.of();
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(type.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(name);
        s.append(" labels=").append(labelNames);
        if (!unit.isEmpty()) {
            s.append(" unit=").append(unit);
        }
        if (!buckets.isEmpty()) {
            s.append(" buckets=").append(buckets);
        }
        if (!states.isEmpty()) {
            s.append(" states=").append(states);
        }
        if (maxLabelSets != MetricBuilder.DEFAULT_MAX_LABEL_SETS) {
            s.append(" maxLabelSets=").append(maxLabelSets);
        }
        return s.toString();
    }
}
