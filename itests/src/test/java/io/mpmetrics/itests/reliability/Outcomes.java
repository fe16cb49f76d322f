package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.HeapFileException;
import io.mpmetrics.metrics.CorruptMetricsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The documented ways opening or scraping a damaged or foreign file may fail (RELIABILITY.md
 * lists them): each names the file in its message. Anything else is a bug.
 *
 * <pre>{@code
 * String category = Outcomes.classify(e, file);   // e.g. "HeapFileException", or null
 * }</pre>
 */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * The documented category of {@code failure} for {@code file}, or null if it is not one of
     * the documented exceptions or its message does not name the file.
     */
    static String classify(Throwable failure, Path file) {
        String category;
        if (failure instanceof HeapFileException) {
            category = "HeapFileException";
        } else if (failure instanceof IOException) {
            category = "IOException";
        } else if (failure instanceof UncheckedIOException && failure.getCause() instanceof IOException) {
            category = "UncheckedIOException(" + failure.getCause().getClass().getSimpleName() + ")";
            if (!names(failure.getCause(), file)) {
                return null;
            }
        } else if (failure instanceof CorruptMetricsException) {
            category = "CorruptMetricsException";
        } else if (failure.getClass() == IllegalStateException.class) {
            category = "IllegalStateException";
        } else if (failure.getClass() == IllegalArgumentException.class) {
            category = "IllegalArgumentException";
        } else {
            return null;
        }
        return names(failure, file) ? category : null;
    }

    private static boolean names(Throwable failure, Path file) {
        String message = failure.getMessage();
        return message != null && message.contains(file.getFileName().toString());
    }
}
