package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.ObservationStripes;
import io.mpmetrics.metrics.internal.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * Observations counted in buckets (classic Prometheus histogram), read consistently across
 * processes: every scrape has {@code _count} equal to the {@code +Inf} bucket and a
 * {@code _sum} of the same observations. The label {@code le} is reserved.
 *
 * <pre>{@code
 * Histogram latency = Histogram.builder().name("request_latency_seconds").unit("seconds")
 *         .help("Request latency").buckets(0.01, 0.1, 1).register(registry);
 * latency.observe(0.042);
 * latency.observeWithExemplar(0.9, "trace_id", "abc");
 * }</pre>
 */
public final class Histogram extends Metric<Histogram.Child> implements Timed {
    /** The Prometheus default buckets (+Inf is added). */
    public static final double[] DEFAULT_BUCKETS = {.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10};

    private Histogram(MetricsRegistry registry, MetricDefinition definition) {
        super(registry, definition);
    }

    /** A new builder (default buckets). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Child newChild(Series series, List<String> labelValues) {
        return new Child(series.observations, series, definition.bucketArray());
    }

    /** The upper bounds, ending with +Inf. */
    /**
     * The upper bounds, ending with +Inf.
     *
     * @return a copy of the bounds
     */
    public double[] upperBounds() {
        return definition.bucketArray();
    }

    /**
     * Counts {@code value} in its bucket and adds it to the sum (metrics without labels).
     *
     * @param value the observation
     */
    public void observe(double value) {
        unlabelled().observe(value);
    }

    /**
     * {@link #observe(double)}, keeping the observation as its bucket's exemplar (metrics without labels).
     *
     * @param value the observation
     * @param labelPairs the exemplar's labels: name, value, name, value, ...
     */
    public void observeWithExemplar(double value, String... labelPairs) {
        unlabelled().observeWithExemplar(value, labelPairs);
    }

    @Override
    public DurationTimer startTimer() {
        return unlabelled().startTimer();
    }



    /**
     * Checks upper bounds as stored (sorted, ending with +Inf, at least one finite bound).
     *
     * @throws IllegalArgumentException if they are not
     */
    static void checkBuckets(double[] bounds, String name) {
        if (bounds.length < 2 || bounds[bounds.length - 1] != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("histogram " + name + " needs at least one finite bucket (+Inf is added)");
        }
        for (int i = 0; i < bounds.length - 1; i++) {
            if (Double.isNaN(bounds[i]) || !(bounds[i] < bounds[i + 1])) {
                throw new IllegalArgumentException("histogram " + name + " buckets must be strictly increasing numbers: "
                        + java.util.Arrays.toString(bounds));
            }
        }
    }

    /** The histogram of one label set. */
    public static final class Child implements Timed {
        private final ObservationStripes cell;
        private final Series series;
        private final double[] bounds;

        Child(ObservationStripes cell, Series series, double[] bounds) {
            this.cell = cell;
            this.series = series;
            this.bounds = bounds;
        }

        /** The bucket of {@code value}: the first upper bound >= it (NaN goes to +Inf). */
        int bucket(double value) {
            int lo = 0;
            int hi = bounds.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (value <= bounds[mid]) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        /**
         * Counts {@code value} in its bucket and adds it to the sum.
         *
         * @param value the observation
         */
        public void observe(double value) {
            cell.observe(value, bucket(value));
        }

        /** Observes {@code value} and keeps it as the exemplar of its bucket. */
        public void observeWithExemplar(double value, String... labelPairs) {
            byte[] labels = Exemplars.encode(labelPairs);
            int b = bucket(value);
            cell.observe(value, b);
            series.offerExemplar(b, labels, value, System.currentTimeMillis());
        }

        /** A timer that observes the elapsed seconds when closed. */
        @Override
        public DurationTimer startTimer() {
            return new DurationTimer(this::observe);
        }
    }

    /** Builds a {@link Histogram}. */
    public static final class Builder extends MetricBuilder<Builder, Histogram> {
        private double[] buckets = DEFAULT_BUCKETS;

        Builder() {
        }

        /** Bucket upper bounds, strictly increasing; +Inf is added if missing. */
        public Builder buckets(double... upperBounds) {
            this.buckets = upperBounds.clone();
            return this;
        }

        @Override
        public Histogram register(MetricsRegistry registry) {
            List<Double> bounds = new ArrayList<>();
            for (double b : buckets) {
                bounds.add(b);
            }
            if (bounds.isEmpty() || bounds.get(bounds.size() - 1) != Double.POSITIVE_INFINITY) {
                bounds.add(Double.POSITIVE_INFINITY);
            }
            MetricDefinition def = new MetricDefinition(MetricType.HISTOGRAM, baseName(null), help, unit, labelNames,
                    bounds, List.of(), maxLabelSets);
            return new Histogram(registry, def);
        }
    }
}
