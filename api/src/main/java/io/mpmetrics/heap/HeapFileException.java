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

    public HeapFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public HeapFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file in question. */
    public Path file() {
        return file;
    }
}
