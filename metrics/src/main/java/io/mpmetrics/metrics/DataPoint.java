package io.mpmetrics.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The value of one series at scrape time: immutable. Each metric type has its own kind.
 *
 * <pre>{@code
 * for (MetricSnapshot m : registry.collect()) {
 *     for (DataPoint p : m.dataPoints()) {
 *         if (p instanceof DataPoint.CounterPoint c) { ... c.value() ... }
 *     }
 * }
 * }</pre>
 */
public sealed interface DataPoint {
    /** The label values, in the order of the metric's label names. */
    List<String> labelValues();

    /** When the series was created, in epoch milliseconds. */
    long createdMillis();

    /** A counter's total and its latest exemplar (or null). */
    record CounterPoint(List<String> labelValues, long createdMillis, double value, Exemplar exemplar)
            implements DataPoint {
        /** Copies the lists, so that the point stays immutable. */
        public CounterPoint {
            labelValues = List.copyOf(labelValues);
        }
    }

    /** A gauge's value. */
    record GaugePoint(List<String> labelValues, long createdMillis, double value) implements DataPoint {
        /** Copies the lists, so that the point stays immutable. */
        public GaugePoint {
            labelValues = List.copyOf(labelValues);
        }
    }

    /** A summary's count and sum, from the same observations. */
    record SummaryPoint(List<String> labelValues, long createdMillis, long count, double sum) implements DataPoint {
        /** Copies the lists, so that the point stays immutable. */
        public SummaryPoint {
            labelValues = List.copyOf(labelValues);
        }
    }

    /**
     * A histogram's per-bucket counts (not cumulative; bucket {@code i} counts observations
     * {@code <= upperBounds[i]} and above the previous bound), count (== their total), sum and
     * exemplars per bucket (null where none).
     */
    record HistogramPoint(List<String> labelValues, long createdMillis, long[] bucketCounts, long count, double sum,
                          List<Exemplar> exemplars) implements DataPoint {
        /** Copies the lists and the array, so that the point stays immutable. */
        public HistogramPoint {
            labelValues = List.copyOf(labelValues);
            bucketCounts = bucketCounts.clone();
            exemplars = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(exemplars));
        }

        @Override
        public long[] bucketCounts() {
            return bucketCounts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HistogramPoint h && labelValues.equals(h.labelValues) && createdMillis == h.createdMillis
                    && Arrays.equals(bucketCounts, h.bucketCounts) && count == h.count
                    && Double.compare(sum, h.sum) == 0 && exemplars.equals(h.exemplars);
        }

        @Override
        public int hashCode() {
            return labelValues.hashCode() * 31 + Arrays.hashCode(bucketCounts);
        }

        @Override
        public String toString() {
            return "HistogramPoint[" + labelValues + ", buckets=" + Arrays.toString(bucketCounts) + ", count=" + count
                    + ", sum=" + sum + "]";
        }
    }

    /** A state set's active state (an index into the metric's states). */
    record StateSetPoint(List<String> labelValues, long createdMillis, int activeState) implements DataPoint {
        /** Copies the lists, so that the point stays immutable. */
        public StateSetPoint {
            labelValues = List.copyOf(labelValues);
        }
    }

    /** An info metric's label set (its value is always 1). */
    record InfoPoint(List<String> labelValues, long createdMillis) implements DataPoint {
        /** Copies the lists, so that the point stays immutable. */
        public InfoPoint {
            labelValues = List.copyOf(labelValues);
        }
    }
}
