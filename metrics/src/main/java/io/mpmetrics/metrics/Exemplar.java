package io.mpmetrics.metrics;

import java.util.List;

/**
 * An exemplar: a sample observation with labels such as a trace id, as read back from the file.
 *
 * <pre>{@code
 * counter.incWithExemplar(1, "trace_id", "abc123");
 * }</pre>
 *
 * @param labelPairs label names and values, alternating
 * @param value the observed value
 * @param timestampMillis when it was recorded (epoch millis)
 */
public record Exemplar(List<String> labelPairs, double value, long timestampMillis) {
    /** Copies the label pairs, so that the exemplar stays immutable. */
    public Exemplar {
        labelPairs = List.copyOf(labelPairs);
    }
}
