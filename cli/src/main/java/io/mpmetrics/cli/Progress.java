package io.mpmetrics.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * The demo's live status line: on a terminal one line rewritten in place with {@code \r}; else
 * (a pipe, a file, a CI log) one plain line per update. Other messages printed through
 * {@link #message(String)} go above the status line.
 *
 * <pre>{@code
 * Progress p = new Progress(System.err, Progress.isTerminal());
 * p.update("3 s  requests 1,234  (411/s)");
 * p.end();
 * }</pre>
 */
final class Progress {
    /** System property the launcher sets to say whether stderr is a terminal. */
    static final String TTY_PROPERTY = "mpmetrics.tty";

    private final PrintStream out;
    private final boolean terminal;
    private int shown;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Whether stderr is a terminal: the launcher tells ({@code -Dmpmetrics.tty}, from
     * {@code [ -t 2 ]}); otherwise the JDK's console, which on JDK 22+ also exists for pipes
     * unless {@code Console.isTerminal()} says so.
     */
    static boolean isTerminal() {
        String told = System.getProperty(TTY_PROPERTY);
        if (told != null && !told.isBlank()) {
            return Boolean.parseBoolean(told.trim());
        }
        Object console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    boolean terminal() {
        return terminal;
    }

    /** Shows {@code line} as the current status. */
    synchronized void update(String line) {
        if (terminal) {
            StringBuilder s = new StringBuilder(line.length() + 8).append('\r').append(line);
            for (int i = line.length(); i < shown; i++) {
                s.append(' ');
            }
            out.print(s);
            shown = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints {@code line} above the status line (which the next update redraws). */
    synchronized void message(String line) {
        clear();
        out.println(line);
        out.flush();
    }

    /** Leaves the last status on screen and moves to a fresh line. */
    synchronized void end() {
        if (terminal && shown > 0) {
            out.println();
            shown = 0;
        }
        out.flush();
    }

    private void clear() {
        if (terminal && shown > 0) {
            out.print('\r' + " ".repeat(shown) + '\r');
            shown = 0;
        }
    }
}
