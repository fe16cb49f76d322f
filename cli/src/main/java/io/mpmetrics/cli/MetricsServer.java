package io.mpmetrics.cli;

import io.mpmetrics.exporter.MpmetricsCollector;
import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.BindException;

/**
 * {@code /metrics} over HTTP for one registry, served by client_java's {@link HTTPServer} (which
 * negotiates the Prometheus text, OpenMetrics and protobuf formats). Every scrape reads the whole
 * file, so metrics that other processes register later show up.
 *
 * <pre>{@code
 * try (MetricsServer server = MetricsServer.start(registry, "127.0.0.1", 9464, false)) {
 *     System.out.println(server.url());
 * }
 * }</pre>
 */
final class MetricsServer implements AutoCloseable {
    /** The port Prometheus exporters conventionally use first. */
    static final int DEFAULT_PORT = 9464;

    private final HTTPServer server;
    private final String host;
    private final boolean tls;

    private MetricsServer(HTTPServer server, String host, boolean tls) {
        this.server = server;
        this.host = host;
        this.tls = tls;
    }

    /**
     * Serves {@code registry} on {@code host:port}.
     *
     * @param anyPortIfBusy if the port is taken, take a free one instead of failing
     * @throws CliException naming the address if it cannot listen there
     */
    static MetricsServer start(MetricsRegistry registry, String host, int port, boolean anyPortIfBusy) {
        return start(registry, host, port, anyPortIfBusy, null);
    }

    /**
     * Serves {@code registry} on {@code host:port}, with the TLS and basic auth of {@code web}
     * (null: plain HTTP, no auth).
     *
     * @param anyPortIfBusy if the port is taken, take a free one instead of failing
     * @throws CliException naming the address if it cannot listen there
     */
    static MetricsServer start(MetricsRegistry registry, String host, int port, boolean anyPortIfBusy,
                               WebConfig web) {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        MpmetricsCollector.register(registry, prometheus);
        boolean tls = web != null && web.tls();
        try {
            return new MetricsServer(listen(prometheus, host, port, web), host, tls);
        } catch (BindException e) {
            if (anyPortIfBusy && port != 0) {
                try {
                    return new MetricsServer(listen(prometheus, host, 0, web), host, tls);
                } catch (IOException | RuntimeException again) {
                    throw new CliException(Errors.about(address(host, 0), again), again);
                }
            }
            throw new CliException(address(host, port) + ": " + bindProblem(e), e);
        } catch (IOException | RuntimeException e) {
            throw new CliException(Errors.about(address(host, port), e), e);
        }
    }

    private static HTTPServer listen(PrometheusRegistry prometheus, String host, int port, WebConfig web)
            throws IOException {
        HTTPServer.Builder builder = HTTPServer.builder().hostname(host).port(port).registry(prometheus);
        if (web != null) {
            if (web.tls()) {
                builder.httpsConfigurator(web.httpsConfigurator());
            }
            if (web.basicAuth()) {
                builder.authenticator(web.authenticator());
            }
        }
        return builder.buildAndStart();
    }

    private static String bindProblem(BindException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "cannot listen there";
        }
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("in use") ? "address already in use (another process is listening on this port)"
                : Errors.oneLine(m);
    }

    static String address(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The port listened on (the real one when 0 was asked for). */
    int port() {
        return server.getPort();
    }

    /** The scrape URL. */
    String url() {
        return (tls ? "https://" : "http://") + address(host, port()) + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }
}
