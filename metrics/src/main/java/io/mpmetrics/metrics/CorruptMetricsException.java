package io.mpmetrics.metrics;

/**
 * The metrics in a file cannot be read because the file is damaged (or was written by
 * something else). The message names the file and what is wrong; nothing is changed.
 */
public class CorruptMetricsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the file and what is wrong.
     *
     * @param message the problem
     */
    public CorruptMetricsException(String message) {
        super(message);
    }
}
