package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.CounterStripes;
import io.mpmetrics.metrics.internal.Series;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * A monotonically increasing total, shared by every process that registers it. Exposed as
 * {@code NAME_total} and {@code NAME_created}.
 *
 * <pre>{@code
 * Counter requests = Counter.builder().name("http_requests").help("Requests handled")
 *         .labelNames("method", "status").register(registry);
 * requests.labelValues("GET", "200").inc();
 * Counter errors = Counter.builder().name("errors_total").help("Errors").register(registry); // "_total" is dropped
 * errors.incWithExemplar(1, "trace_id", "4bf92f3577b34da6");
 * }</pre>
 */
public final class Counter extends Metric<Counter.Child> {
    private Counter(MetricsRegistry registry, MetricDefinition definition) {
        super(registry, definition);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Child newChild(Series series, List<String> labelValues) {
        return new Child(series.counter, series);
    }

    /** Adds 1 (metrics without labels). */
    public void inc() {
        unlabelled().inc();
    }

    /** Adds {@code amount} (>= 0; need not be whole). */
    public void inc(double amount) {
        unlabelled().inc(amount);
    }

    /** Adds {@code amount} and records it as an exemplar with label pairs (name, value, ...). */
    public void incWithExemplar(double amount, String... labelPairs) {
        unlabelled().incWithExemplar(amount, labelPairs);
    }

    /** The current total (metrics without labels). */
    public double get() {
        return unlabelled().get();
    }

    /** Runs {@code body}; if it throws, adds 1 and rethrows. */
    public void countExceptions(Runnable body) {
        unlabelled().countExceptions(body);
    }

    /** Calls {@code body}; if it throws, adds 1 and rethrows. */
    public <T> T countExceptions(Callable<T> body) throws Exception {
        return unlabelled().countExceptions(body);
    }

    /** The counter of one label set. */
    public static final class Child {
        private final CounterStripes cell;
        private final Series series;

        Child(CounterStripes cell, Series series) {
            this.cell = cell;
            this.series = series;
        }

        /** Adds 1. */
        public void inc() {
            cell.inc();
        }

        /**
         * Adds {@code amount}.
         *
         * @throws IllegalArgumentException if it is negative or NaN
         */
        public void inc(double amount) {
            if (!(amount >= 0)) {
                throw new IllegalArgumentException("a counter can only go up: inc(" + amount + ")");
            }
            cell.inc(amount);
        }

        /** Adds {@code amount} and keeps it as this series' exemplar. */
        public void incWithExemplar(double amount, String... labelPairs) {
            byte[] labels = Exemplars.encode(labelPairs);
            inc(amount);
            series.offerExemplar(0, labels, amount, System.currentTimeMillis());
        }

        /** The current total. */
        public double get() {
            return cell.get();
        }

        /** Runs {@code body}; if it throws, adds 1 and rethrows. */
        public void countExceptions(Runnable body) {
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                inc();
                throw e;
            }
        }

        /** Calls {@code body}; if it throws, adds 1 and rethrows. */
        public <T> T countExceptions(Callable<T> body) throws Exception {
            try {
                return body.call();
            } catch (Exception | Error e) {
                inc();
                throw e;
            }
        }
    }

    /** Builds a {@link Counter}. */
    public static final class Builder extends MetricBuilder<Builder, Counter> {
        Builder() {
        }

        @Override
        public Counter register(MetricsRegistry registry) {
            MetricDefinition def = new MetricDefinition(MetricType.COUNTER, baseName("_total"), help, unit, labelNames,
                    List.of(), List.of(), maxLabelSets);
            return new Counter(registry, def);
        }
    }
}
