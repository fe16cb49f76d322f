package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.ObservationStripes;
import io.mpmetrics.metrics.internal.Series;

import java.util.List;

/**
 * The count and sum of observations (no quantiles), read consistently across processes:
 * exposed as {@code NAME_count}, {@code NAME_sum} and {@code NAME_created}. The label
 * {@code quantile} is reserved.
 *
 * <pre>{@code
 * Summary payload = Summary.builder().name("payload_bytes").unit("bytes").help("Payload sizes").register(registry);
 * payload.observe(512);
 * }</pre>
 */
public final class Summary extends Metric<Summary.Child> implements Timed {
    private Summary(MetricsRegistry registry, MetricDefinition definition) {
        super(registry, definition);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Child newChild(Series series, List<String> labelValues) {
        return new Child(series.observations);
    }

    /**
     * Counts {@code value} and adds it to the sum (metrics without labels).
     *
     * @param value the observation
     */
    public void observe(double value) {
        unlabelled().observe(value);
    }

    @Override
    public DurationTimer startTimer() {
        return unlabelled().startTimer();
    }



    /** The summary of one label set. */
    public static final class Child implements Timed {
        private final ObservationStripes cell;

        Child(ObservationStripes cell) {
            this.cell = cell;
        }

        /**
         * Counts {@code value} and adds it to the sum.
         *
         * @param value the observation
         */
        public void observe(double value) {
            cell.observe(value, 0);
        }

        /** A timer that observes the elapsed seconds when closed. */
        @Override
        public DurationTimer startTimer() {
            return new DurationTimer(this::observe);
        }
    }

    /** Builds a {@link Summary}. */
    public static final class Builder extends MetricBuilder<Builder, Summary> {
        Builder() {
        }

        @Override
        public Summary register(MetricsRegistry registry) {
            MetricDefinition def = new MetricDefinition(MetricType.SUMMARY, baseName(null), help, unit, labelNames,
                    List.of(), List.of(), maxLabelSets);
            return new Summary(registry, def);
        }
    }
}
