package io.mpmetrics.cli;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.MetricsRegistry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens heap files for the commands, turning every way it can fail (missing, foreign,
 * truncated, wrong layout family, no backend, corrupt directory) into a {@link CliException}
 * whose one-line message starts with the file.
 *
 * <pre>{@code
 * try (MetricsRegistry registry = RegistryFiles.openExisting(Path.of("app.mpm"))) { ... }
 * }</pre>
 */
final class RegistryFiles {
    private RegistryFiles() {
    }

    /** The registry in an existing file. */
    static MetricsRegistry openExisting(Path file) {
        Path abs = absolute(file);
        try {
            return MetricsRegistry.openExisting(abs);
        } catch (IOException | RuntimeException e) {
            throw new CliException(Errors.about(abs, e), e);
        }
    }

    /** The registry in {@code file}, created if it does not exist. */
    static MetricsRegistry openOrCreate(Path file) {
        Path abs = absolute(file);
        try {
            return MetricsRegistry.openOrCreate(abs);
        } catch (IOException | RuntimeException e) {
            throw new CliException(Errors.about(abs, e), e);
        }
    }

    /** The heap in an existing file. */
    static Heap openHeap(Path file) {
        Path abs = absolute(file);
        try {
            return Heap.openExisting(abs);
        } catch (IOException | RuntimeException e) {
            throw new CliException(Errors.about(abs, e), e);
        }
    }

    static Path absolute(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
