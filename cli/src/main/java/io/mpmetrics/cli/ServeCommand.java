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
 * {@code mpmetrics serve --file F [--port P] [--host H] [--web-config W]}: serves {@code /metrics} for every metric
 * in an existing heap file, whoever wrote it and whether or not that process still runs. Each
 * scrape reads the file afresh, so writers may come and go and register new metrics meanwhile.
 * Runs until interrupted (Ctrl-C).
 *
 * <pre>
 * ./mpmetrics serve --file /dev/shm/mpmetrics-$USER/app.mpm --port 9464
 * curl -s http://127.0.0.1:9464/metrics
 * </pre>
 *
 * <p>With {@code --web-config} it serves HTTPS and/or asks for a user and password (see
 * {@link WebConfig}). Listening on an address other hosts can reach without both prints one
 * warning line on stderr.
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

    @Option(names = "--web-config", paramLabel = "FILE",
            description = {"TLS and basic auth, in the Prometheus exporter toolkit's web-config format:",
                "tls_server_config: {cert_file, key_file, min_version, max_version} (PEM files),",
                "basic_auth_users: {user: bcrypt hash}"})
    Path webConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        WebConfig web = webConfig == null ? null : WebConfig.load(webConfig);
        MetricsRegistry registry = RegistryFiles.openExisting(file);
        int metrics = registry.definitions().size();
        MetricsServer server = MetricsServer.start(registry, host, port, false, web);
        String exposure = exposureWarning(host, web);
        if (exposure != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("mpmetrics: warning: " + exposure);
            err.flush();
        }
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

    /**
     * One line saying what is missing when {@code host} is reachable from other machines and
     * the server lacks TLS or basic auth; null on a loopback address or with both.
     */
    static String exposureWarning(String host, WebConfig web) {
        boolean tls = web != null && web.tls();
        boolean auth = web != null && web.basicAuth();
        if ((tls && auth) || isLoopback(host)) {
            return null;
        }
        String missing = !tls && !auth ? "without TLS or basic auth: anyone who can reach it reads every metric"
                : !tls ? "without TLS: passwords and metrics cross the network in clear text"
                : "without basic auth: anyone who can reach it reads every metric";
        return "listening on " + host + ", reachable from other hosts, " + missing + " (see --web-config)";
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false; // listening fails with its own message
        }
    }
}
