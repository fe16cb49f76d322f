package io.mpmetrics.cli;

import io.mpmetrics.heap.HeapFileException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;

/**
 * Turns exceptions into the CLI's one-line messages: {@code mpmetrics: <what>: <problem>}. The
 * library's exceptions already name the file ({@link HeapFileException}, corrupt-directory
 * errors), so their message is used as it is; a stack trace is added only when
 * {@code MPMETRICS_DEBUG} is set.
 */
final class Errors {
    /** Environment variable that adds stack traces to error messages. */
    static final String DEBUG_ENV = "MPMETRICS_DEBUG";

    private Errors() {
    }

    static void report(PrintWriter err, Throwable e) {
        err.println("mpmetrics: " + describe(e));
        if (debug()) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    static boolean debug() {
        String d = System.getenv(DEBUG_ENV);
        return d != null && !d.isBlank() && !d.equals("0");
    }

    /** What went wrong, in one line. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (t instanceof CliException || t instanceof HeapFileException) {
            return oneLine(message);
        }
        if (t instanceof BindException) {
            return "cannot listen: " + oneLine(message);
        }
        String kind = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : oneLine(message);
    }

    /** {@code message} with line breaks folded, so that an error is one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /**
     * A message about {@code what} (a file, an address): {@code e}'s message prefixed with
     * {@code what} unless the message starts with it already.
     */
    static String about(Object what, Throwable e) {
        String message = describe(e);
        String name = String.valueOf(what);
        return message.startsWith(name) ? message : name + ": " + message;
    }
}
