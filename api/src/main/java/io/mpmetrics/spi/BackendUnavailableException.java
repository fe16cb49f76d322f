package io.mpmetrics.spi;

/**
 * No backend can be used: none was found, none passes its probe, or the one forced with
 * {@code -Dmpmetrics.backend} is unknown or unsupported here. The message lists every
 * backend found and why each probe failed.
 */
public class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, which names the backends found and why each was refused.
     *
     * @param message what was asked for and what was found
     */
    public BackendUnavailableException(String message) {
        super(message);
    }
}
