package io.mpmetrics.cli;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code serve --web-config}: HTTPS with a certificate made by keytool in the test, basic auth
 * against bcrypt hashes, checked with the JDK's real HTTP client; and the warning when the
 * server is reachable from other hosts without them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServeSecurityTest {
    @TempDir
    static Path dir;
    static Path file;
    static TestCertificates certs;

    @BeforeAll
    static void writeMetricsAndCertificates() throws Exception {
        file = dir.resolve("secure.mpm");
        ServeTest.write(file, "all");
        certs = TestCertificates.make(dir);
    }

    private static String hash(BCrypt.Version version, String password) {
        return BCrypt.with(version).hashToString(4, password.toCharArray());
    }

    private static Path webConfig(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void tlsAndBasicAuthWithARealClient() throws Exception {
        // Relative file names resolve against the config's directory, as in the exporter toolkit.
        Path config = webConfig("web.yml", "# serve over HTTPS, users below\n"
                + "tls_server_config:\n"
                + "  cert_file: server.crt\n"
                + "  key_file: \"server.key\"\n"
                + "  min_version: TLS12\n"
                + "basic_auth_users:\n"
                + "  alice: " + hash(BCrypt.Version.VERSION_2Y, "wonderland") + "\n"
                + "  bob: '" + hash(BCrypt.Version.VERSION_2B, "builder") + "'  # quoted works too\n"
                + "  carol: " + hash(BCrypt.Version.VERSION_2A, "c4rol") + "\n");
        try (CliProcess serve = CliProcess.launcher("serve", "--file", file.toString(), "--port", "0",
                "--web-config", config.toString()).start()) {
            String url = serve.awaitStdout(Pattern.compile(" at (https://127\\.0\\.0\\.1:\\d+/metrics) "), 60).group(1);
            HttpClient trusting = HttpClient.newBuilder().sslContext(certs.clientContext())
                    .connectTimeout(Duration.ofSeconds(5)).build();

            assertThat(get(trusting, url, null).statusCode()).as("no credentials").isEqualTo(401);
            assertThat(get(trusting, url, "alice:wrong").statusCode()).as("wrong password").isEqualTo(401);
            assertThat(get(trusting, url, "mallory:wonderland").statusCode()).as("unknown user").isEqualTo(401);
            for (String user : new String[] {"alice:wonderland", "bob:builder", "carol:c4rol"}) {
                HttpResponse<String> ok = get(trusting, url, user);
                assertThat(ok.statusCode()).as(user).isEqualTo(200);
                assertThat(Samples.parse(ok.body()).value("e2e_jobs_total{queue=\"a\"}")).isEqualTo(3.0);
            }
            // Again: served from the cache of verified credentials, still right.
            assertThat(get(trusting, url, "alice:wonderland").statusCode()).isEqualTo(200);
            assertThat(get(trusting, url, "alice:wonderlanD").statusCode()).isEqualTo(401);

            // A client that does not trust the certificate refuses the server.
            HttpClient strict = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> get(strict, url, "alice:wonderland")).isInstanceOf(SSLHandshakeException.class);
            // Plain HTTP to the TLS port gets no metrics.
            String plain = url.replace("https://", "http://");
            assertThatThrownBy(() -> {
                HttpResponse<String> r = get(trusting, plain, "alice:wonderland");
                assertThat(r.statusCode()).isNotEqualTo(200);
                throw new IOException("answered " + r.statusCode());
            }).isInstanceOf(IOException.class);
            assertThat(serve.alive()).isTrue();
            assertThat(serve.transcript()).doesNotContain("warning");
        }
    }

    @Test
    void tlsOnlyWithAPkcs1RsaKey() throws Exception {
        Path config = webConfig("tls-only.yml", "tls_server_config:\n  cert_file: " + certs.certPem
                + "\n  key_file: " + certs.rsaKeyPem + "\n");
        try (CliProcess serve = CliProcess.launcher("serve", "--file", file.toString(), "--port", "0",
                "--web-config", config.toString()).start()) {
            String url = serve.awaitStdout(Pattern.compile(" at (https://\\S+/metrics) "), 60).group(1);
            HttpClient trusting = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
            HttpResponse<String> r = get(trusting, url, null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("e2e_jobs_total");
        }
    }

    @Test
    void basicAuthOnlyOverHttp() throws Exception {
        Path config = webConfig("auth-only.yml", "basic_auth_users:\n  alice: " + hash(BCrypt.Version.VERSION_2Y, "pw")
                + "\n");
        try (CliProcess serve = CliProcess.launcher("serve", "--file", file.toString(), "--port", "0",
                "--web-config", config.toString()).start()) {
            String url = serve.awaitStdout(Pattern.compile(" at (http://\\S+/metrics) "), 60).group(1);
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, url, null).statusCode()).isEqualTo(401);
            assertThat(get(http, url, "alice:pw").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyInterfaceWithoutProtectionWarnsOnceOnStderr() throws Exception {
        try (CliProcess serve = CliProcess.launcher("serve", "--file", file.toString(), "--port", "0",
                "--host", "0.0.0.0").start()) {
            serve.awaitStdout(Pattern.compile("^serving "), 60);
            String warning = serve.awaitStderr(Pattern.compile("^mpmetrics: warning: .*"), 10).group();
            assertThat(warning).contains("0.0.0.0").contains("without TLS or basic auth").contains("--web-config");
            Thread.sleep(300);
            assertThat(serve.transcript().lines().filter(l -> l.contains("warning")).count()).isEqualTo(1);
        }
        // On loopback: no warning.
        try (CliProcess serve = CliProcess.launcher("serve", "--file", file.toString(), "--port", "0").start()) {
            serve.awaitStdout(Pattern.compile("^serving "), 60);
            Thread.sleep(300);
            assertThat(serve.transcript()).doesNotContain("warning");
        }
    }

    @Test
    void badWebConfigsAreOneLineErrors() throws Exception {
        String[][] cases = {
            {"unknown.yml", "tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: x\n",
                "tls_server_config.cipher_suites is not supported"},
            {"hash.yml", "basic_auth_users:\n  alice: secret\n", "basic_auth_users.alice is not a bcrypt hash"},
            {"list.yml", "basic_auth_users:\n  - alice\n", "line 2: sequences"},
            {"top.yml", "tls_config:\n  cert_file: a\n", "unknown key 'tls_config'"},
            {"nokey.yml", "tls_server_config:\n  cert_file: server.crt\n", "tls_server_config needs key_file"},
            {"missing.yml", "tls_server_config:\n  cert_file: nowhere.crt\n  key_file: server.key\n", "nowhere.crt"},
            {"notcert.yml", "tls_server_config:\n  cert_file: server.key\n  key_file: server.key\n",
                "not a PEM certificate"},
        };
        for (String[] c : cases) {
            Path config = webConfig(c[0], c[1]);
            CliProcess.Result r = CliProcess.launcher("serve", "--file", file.toString(), "--port", "0",
                    "--web-config", config.toString()).run(60);
            assertThat(r.exitCode()).as("%s", r).isEqualTo(Main.FAILED);
            assertThat(r.stderr()).as("%s", r).hasSize(1);
            assertThat(r.err()).as("%s", r).startsWith("mpmetrics: ").contains(c[2]);
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String userAndPassword)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (userAndPassword != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
