package io.mpmetrics.metrics;

import java.util.function.DoubleConsumer;

/**
 * Measures a duration and hands it (in seconds) to a metric when closed.
 *
 * <pre>{@code
 * try (Timer t = histogram.startTimer()) {
 *     handleRequest();
 * }
 * }</pre>
 */
public final class Timer implements AutoCloseable {
    private final DoubleConsumer sink;
    private final long start = System.nanoTime();
    private boolean closed;

    Timer(DoubleConsumer sink) {
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
