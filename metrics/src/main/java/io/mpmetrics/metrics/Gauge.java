package io.mpmetrics.metrics;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.metrics.internal.Series;

import java.util.List;

/**
 * A value that goes up and down, shared by every process that registers it.
 *
 * <pre>{@code
 * Gauge inProgress = Gauge.builder().name("requests_in_progress").help("Requests being handled").register(registry);
 * try (Gauge.InProgress p = inProgress.trackInProgress()) {
 *     handle();
 * }
 * Gauge lastRun = Gauge.builder().name("last_run_seconds").unit("seconds").help("..").register(registry);
 * lastRun.setToCurrentTime();
 * }</pre>
 */
public final class Gauge extends Metric<Gauge.Child> implements Timed {
    private Gauge(MetricsRegistry registry, MetricDefinition definition) {
        super(registry, definition);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Child newChild(Series series, List<String> labelValues) {
        return new Child(series.gauge);
    }

    /** Adds 1 (metrics without labels). */
    public void inc() {
        unlabelled().inc();
    }

    /**
     * Adds {@code amount} (metrics without labels).
     *
     * @param amount any finite number; negative subtracts
     */
    public void inc(double amount) {
        unlabelled().inc(amount);
    }

    /** Subtracts 1 (metrics without labels). */
    public void dec() {
        unlabelled().dec();
    }

    /**
     * Subtracts {@code amount} (metrics without labels).
     *
     * @param amount the amount to subtract
     */
    public void dec(double amount) {
        unlabelled().dec(amount);
    }

    /**
     * Sets the value (metrics without labels).
     *
     * @param value the new value
     */
    public void set(double value) {
        unlabelled().set(value);
    }

    /** Sets the value to the current time in seconds since the epoch (metrics without labels). */
    public void setToCurrentTime() {
        unlabelled().setToCurrentTime();
    }

    /**
     * The current value (metrics without labels).
     *
     * @return the value every process sees
     */
    public double get() {
        return unlabelled().get();
    }

    /** Adds 1 now and takes it off when the returned handle is closed. */
    public InProgress trackInProgress() {
        return unlabelled().trackInProgress();
    }

    /** A timer that sets the gauge to the elapsed seconds when closed. */
    @Override
    public DurationTimer startTimer() {
        return unlabelled().startTimer();
    }



    /** Undoes a {@link #trackInProgress()} increment when closed (once). */
    public static final class InProgress implements AutoCloseable {
        private final Child child;
        private boolean closed;

        InProgress(Child child) {
            this.child = child;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                child.dec();
            }
        }
    }

    /** The gauge of one label set. */
    public static final class Child implements Timed {
        private final AtomicDouble value;

        Child(AtomicDouble value) {
            this.value = value;
        }

        /** Adds 1. */
        public void inc() {
            value.add(1.0);
        }

        /**
         * Adds {@code amount}.
         *
         * @param amount any finite number; negative subtracts
         */
        public void inc(double amount) {
            value.add(amount);
        }

        /** Subtracts 1. */
        public void dec() {
            value.add(-1.0);
        }

        /**
         * Subtracts {@code amount}.
         *
         * @param amount the amount to subtract
         */
        public void dec(double amount) {
            value.add(-amount);
        }

        /**
         * Sets the value.
         *
         * @param v the new value
         */
        public void set(double v) {
            value.set(v);
        }

        /** Sets the value to the current time in seconds since the epoch. */
        public void setToCurrentTime() {
            value.set(System.currentTimeMillis() / 1000.0);
        }

        /**
         * The current value.
         *
         * @return the value every process sees
         */
        public double get() {
            return value.get();
        }

        /**
         * Adds 1 now and subtracts it when the returned handle is closed.
         *
         * @return the handle to close when the work is done
         */
        public InProgress trackInProgress() {
            inc();
            return new InProgress(this);
        }

        @Override
        public DurationTimer startTimer() {
            return new DurationTimer(this::set);
        }
    }

    /** Builds a {@link Gauge}. */
    public static final class Builder extends MetricBuilder<Builder, Gauge> {
        Builder() {
        }

        @Override
        public Gauge register(MetricsRegistry registry) {
            MetricDefinition def = new MetricDefinition(MetricType.GAUGE, baseName(null), help, unit, labelNames,
                    List.of(), List.of(), maxLabelSets);
            return new Gauge(registry, def);
        }
    }
}
