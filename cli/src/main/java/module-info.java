/**
 * The {@code mpmetrics} command line: {@code demo}, {@code serve}, {@code dump} and
 * {@code inspect} over heap files. Run it with the {@code ./mpmetrics} launcher at the root of
 * the repository, or on the module path:
 *
 * <pre>
 * java -p cli/target/mpmetrics-cli.jar:cli/target/lib -m io.mpmetrics.cli/io.mpmetrics.cli.Main inspect --file F
 * </pre>
 *
 * <p>It exports no API. picocli reads the command classes reflectively, hence the {@code opens}.
 */
@SuppressWarnings("requires-automatic")
module io.mpmetrics.cli {
    requires io.mpmetrics.exporter;
    requires info.picocli;
    requires io.prometheus.metrics.exporter.httpserver;
    // client_java's HTTP server is built on the JDK's; an automatic module does not pull it in.
    requires jdk.httpserver;
    // serve --web-config: bcrypt hashes of basic_auth_users (at.favre.lib:bcrypt, an automatic module).
    requires bcrypt;

    opens io.mpmetrics.cli to info.picocli;

    // inspect lists the backends found (without probing them).
    uses io.mpmetrics.spi.Backend;
}
