package io.mpmetrics.cli;

import io.mpmetrics.exporter.Exposition;
import io.mpmetrics.metrics.MetricsRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code mpmetrics dump --file F [--format prometheus|openmetrics]}: every metric in the file,
 * written to stdout by client_java's exposition writers.
 *
 * <pre>
 * ./mpmetrics dump --file /dev/shm/mpmetrics-$USER/app.mpm --format openmetrics | promtool check metrics
 * </pre>
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print every metric in a heap file in the Prometheus text or OpenMetrics format.")
final class DumpCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the heap file")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "prometheus",
            converter = TextFormatConverter.class,
            description = "prometheus (text 0.0.4) or openmetrics (1.0.0, with exemplars); default: ${DEFAULT-VALUE}")
    Exposition.Format format;

    @Override
    public Integer call() throws IOException {
        try (MetricsRegistry registry = RegistryFiles.openExisting(file)) {
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
            try {
                Exposition.write(out, registry, format);
            } catch (RuntimeException e) {
                throw new CliException(Errors.about(registry.path(), e), e);
            }
            out.flush();
        }
        return Main.OK;
    }
}
