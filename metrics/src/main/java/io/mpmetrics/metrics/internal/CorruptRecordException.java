package io.mpmetrics.metrics.internal;

/** A directory record that cannot be decoded; the registry wraps it with the file's name. */
public final class CorruptRecordException extends io.mpmetrics.metrics.CorruptMetricsException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
