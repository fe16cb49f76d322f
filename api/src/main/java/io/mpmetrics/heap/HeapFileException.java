package io.mpmetrics.heap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A heap file that cannot be used: not an mpmetrics file, a different format version,
 * layout family or byte order, a corrupt header, a refused path (symlink, wrong owner or
 * permissions). The message names the file and what is wrong.
 */
public class HeapFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * A problem with {@code file}; the message is {@code "file: problem"}.
     *
     * @param file the heap file or directory
     * @param problem what is wrong with it
     */
    public HeapFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * A problem with {@code file}, caused by {@code cause}.
     *
     * @param file the heap file or directory
     * @param problem what is wrong with it
     * @param cause the underlying exception
     */
    public HeapFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file in question. */
    public Path file() {
        return file;
    }
}
