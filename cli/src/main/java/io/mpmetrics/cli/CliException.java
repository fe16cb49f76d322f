package io.mpmetrics.cli;

/**
 * A failure the command reports as one line on stderr ({@code mpmetrics: <message>}), without a
 * stack trace, and ends with {@link #exitCode()}.
 *
 * <pre>{@code
 * throw new CliException(file + ": holds no metrics");
 * }</pre>
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(String message) {
        this(message, Main.FAILED, null);
    }

    CliException(String message, Throwable cause) {
        this(message, Main.FAILED, cause);
    }

    CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
