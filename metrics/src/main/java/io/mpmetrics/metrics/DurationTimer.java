package io.mpmetrics.metrics;

import java.util.function.DoubleConsumer;

/**
 * Measures a duration and hands it (in seconds) to a metric when closed.
 *
 * <pre>{@code
 * try (DurationTimer t = histogram.startTimer()) {
 *     handleRequest();
 * }
 * }</pre>
 *
 * <p>Named so that it clashes neither with {@code java.util.Timer} under wildcard imports nor
 * with client_java's {@code io.prometheus.metrics.core.datapoints.Timer}.
 */
public final class DurationTimer implements AutoCloseable {
    private final DoubleConsumer sink;
    private final long start = System.nanoTime();
    private boolean closed;

    DurationTimer(DoubleConsumer sink) {
        this.sink = sink;
    }

    /** Seconds since the timer started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Records the duration (once) and returns it in seconds. */
    public double observeDuration() {
        double seconds = elapsedSeconds();
        if (!closed) {
            closed = true;
            sink.accept(seconds);
        }
        return seconds;
    }

    @Override
    public void close() {
        observeDuration();
    }
}
