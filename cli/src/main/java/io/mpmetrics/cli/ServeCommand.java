package io.mpmetrics.cli;

import io.mpmetrics.metrics.MetricsRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mpmetrics serve --file F [--port P] [--host H]}: serves {@code /metrics} for every metric
 * in an existing heap file, whoever wrote it and whether or not that process still runs. Each
 * scrape reads the file afresh, so writers may come and go and register new metrics meanwhile.
 * Runs until interrupted (Ctrl-C).
 *
 * <pre>
 * ./mpmetrics serve --file /dev/shm/mpmetrics-$USER/app.mpm --port 9464
 * curl -s http://127.0.0.1:9464/metrics
 * </pre>
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve every metric in a heap file on http://HOST:PORT/metrics until interrupted.",
                "Metrics that processes register later (or registered before they exited) are included."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the heap file")
    Path file;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + MetricsServer.DEFAULT_PORT,
            description = "port to listen on (0: any free port); default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "address to listen on; default: ${DEFAULT-VALUE} (0.0.0.0 for every interface)")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        MetricsRegistry registry = RegistryFiles.openExisting(file);
        int metrics = registry.definitions().size();
        MetricsServer server = MetricsServer.start(registry, host, port, false);
        // The server's threads keep the JVM alive; on Ctrl-C stop listening at once. The mapping
        // is left to the exiting process (a scrape may still be reading it).
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mpmetrics-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("serving " + metrics + " metric" + (metrics == 1 ? "" : "s") + " from " + registry.path()
                + " at " + server.url() + " (Ctrl-C to stop)");
        out.flush();
        new CountDownLatch(1).await();
        return Main.OK;
    }
}
