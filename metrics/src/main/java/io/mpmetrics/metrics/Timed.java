package io.mpmetrics.metrics;

import java.util.concurrent.Callable;

/**
 * Something that measures durations: a gauge (set to the duration), a summary or histogram
 * (observes it), or one of their children.
 *
 * <pre>{@code
 * String body = latency.time(() -> fetch(url));   // observes the seconds fetch took
 * try (DurationTimer t = latency.startTimer()) { work(); }
 * }</pre>
 */
public interface Timed {
    /** A timer that records the elapsed seconds when closed. */
    DurationTimer startTimer();

    /** Calls {@code body} and records how long it took, in seconds (also when it throws). */
    default <T> T time(Callable<T> body) throws Exception {
        try (DurationTimer t = startTimer()) {
            return body.call();
        }
    }

    /** Runs {@code body} and records how long it took, in seconds (also when it throws). */
    default void time(Runnable body) {
        try (DurationTimer t = startTimer()) {
            body.run();
        }
    }
}
