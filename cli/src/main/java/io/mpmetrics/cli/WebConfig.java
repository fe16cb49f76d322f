package io.mpmetrics.cli;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --web-config} file of {@code mpmetrics serve}: TLS and basic auth, in the format of
 * the Prometheus exporter toolkit's web configuration (the subset below), so that one file can
 * serve both a Go exporter and this one.
 *
 * <pre>
 * tls_server_config:
 *   cert_file: server.crt          # PEM: the certificate, then any intermediates
 *   key_file: server.key           # PEM: PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 RSA, unencrypted
 *   min_version: TLS12             # optional: TLS12 (default) or TLS13
 *   max_version: TLS13             # optional
 * basic_auth_users:                # user: bcrypt hash ($2a$, $2b$ or $2y$), e.g. htpasswd -nBC 10 alice
 *   alice: $2y$10$...
 * </pre>
 *
 * <p>Relative file names are resolved against the directory of the web-config file, as the
 * toolkit does. Keys the toolkit knows but this server does not implement (client
 * certificates, cipher suites, HTTP headers, ...) and unknown keys are refused with a message
 * naming them, never ignored: a file written for more protection than it gets must not start.
 */
final class WebConfig {
    private static final Set<String> TOP_KEYS = Set.of("tls_server_config", "basic_auth_users", "http_server_config");
    private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "min_version", "max_version");
    private static final Set<String> TOOLKIT_TLS_KEYS = Set.of("client_auth_type", "client_ca_file", "cipher_suites",
            "curve_preferences", "prefer_server_cipher_suites", "client_allowed_sans");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    private static final int MAX_CACHED = 1024;

    private final Path file;
    private final SSLContext tls;
    private final List<String> protocols;
    private final Map<String, String> users;

    private WebConfig(Path file, SSLContext tls, List<String> protocols, Map<String, String> users) {
        this.file = file;
        this.tls = tls;
        this.protocols = protocols;
        this.users = users;
    }

    /**
     * Reads and checks {@code file}: its certificate and key are loaded now, so that a mistake
     * stops {@code serve} before it listens.
     *
     * @throws CliException naming the file (and line or key) on any problem
     */
    static WebConfig load(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Object> root;
        try {
            root = YamlSubset.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(file + ": cannot read the web config: " + Errors.describe(e), e);
        } catch (YamlSubset.YamlException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        }
        for (String key : root.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw new CliException(file + ": unknown key '" + key + "' (known: tls_server_config, basic_auth_users)");
            }
        }
        Map<String, Object> http = section(file, root, "http_server_config");
        if (http != null && !http.isEmpty()) {
            throw new CliException(file + ": http_server_config (" + String.join(", ", http.keySet())
                    + ") is not supported by mpmetrics serve; remove it");
        }
        SSLContext tls = null;
        List<String> protocols = List.of();
        Map<String, Object> tlsSection = section(file, root, "tls_server_config");
        if (tlsSection != null) {
            for (String key : tlsSection.keySet()) {
                if (TOOLKIT_TLS_KEYS.contains(key)) {
                    throw new CliException(file + ": tls_server_config." + key + " is not supported by mpmetrics serve "
                            + "(supported: cert_file, key_file, min_version, max_version)");
                }
                if (!TLS_KEYS.contains(key)) {
                    throw new CliException(file + ": unknown key tls_server_config." + key);
                }
            }
            Path cert = resolve(dir, text(file, tlsSection, "cert_file", true));
            Path key = resolve(dir, text(file, tlsSection, "key_file", true));
            protocols = protocols(file, text(file, tlsSection, "min_version", false),
                    text(file, tlsSection, "max_version", false));
            tls = sslContext(file, cert, key);
        }
        Map<String, String> users = new LinkedHashMap<>();
        Map<String, Object> auth = section(file, root, "basic_auth_users");
        if (auth != null) {
            for (Map.Entry<String, Object> e : auth.entrySet()) {
                if (!(e.getValue() instanceof String hash) || !BCRYPT.matcher(hash).matches()) {
                    throw new CliException(file + ": basic_auth_users." + e.getKey() + " is not a bcrypt hash "
                            + "($2y$10$... as `htpasswd -nBC 10 " + e.getKey() + "` prints; quote it if it has '#')");
                }
                if (e.getKey().indexOf(':') >= 0) {
                    throw new CliException(file + ": basic_auth_users: a user name cannot contain ':' ("
                            + e.getKey() + ")");
                }
                users.put(e.getKey(), hash);
            }
        }
        return new WebConfig(file, tls, protocols, Map.copyOf(users));
    }

    /** Whether connections are TLS. */
    boolean tls() {
        return tls != null;
    }

    /** Whether requests need a user and password. */
    boolean basicAuth() {
        return !users.isEmpty();
    }

    /** The TLS set-up for client_java's HTTPServer, or null without TLS. */
    HttpsConfigurator httpsConfigurator() {
        if (tls == null) {
            return null;
        }
        return new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setProtocols(protocols.toArray(String[]::new));
                p.setNeedClientAuth(false);
                params.setSSLParameters(p);
            }
        };
    }

    /** Basic auth against the bcrypt hashes, or null without users. */
    Authenticator authenticator() {
        return users.isEmpty() ? null : new BcryptAuthenticator(users);
    }

    @Override
    public String toString() {
        return "WebConfig[" + file + (tls() ? ", TLS " + protocols : "") + (basicAuth() ? ", users " + users.keySet() : "")
                + "]";
    }

    /**
     * Checks passwords with bcrypt. A bcrypt check costs tens of milliseconds by design, and
     * Prometheus sends the same credentials on every scrape, so a successful check is
     * remembered under a SHA-256 of (user, password, hash) — never the password itself. A
     * user that does not exist costs the same as a wrong password.
     */
    private static final class BcryptAuthenticator extends BasicAuthenticator {
        private static final String DUMMY_HASH = "$2y$10$" + "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

        private final Map<String, String> users;
        private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

        BcryptAuthenticator(Map<String, String> users) {
            super("mpmetrics");
            this.users = users;
        }

        @Override
        public boolean checkCredentials(String user, String password) {
            String hash = users.get(user);
            if (hash == null) {
                BCrypt.verifyer().verify(password.toCharArray(), DUMMY_HASH.toCharArray());
                return false;
            }
            String key = cacheKey(user, password, hash);
            Boolean known = verified.get(key);
            if (known != null) {
                return known;
            }
            boolean ok = BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
            verified.put(key, ok);
            return ok;
        }

        private static String cacheKey(String user, String password, String hash) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (String part : new String[] {user, password, hash}) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Path file, Map<String, Object> root, String key) {
        Object v = root.get(key);
        if (v == null || "".equals(v)) {
            return v == null ? null : Map.of();
        }
        if (!(v instanceof Map)) {
            throw new CliException(file + ": " + key + " must be a mapping (key: value lines indented below it)");
        }
        return (Map<String, Object>) v;
    }

    private static String text(Path file, Map<String, Object> section, String key, boolean required) {
        Object v = section.get(key);
        if (v instanceof Map) {
            throw new CliException(file + ": tls_server_config." + key + " must be a value, not a mapping");
        }
        String s = (String) v;
        if (required && (s == null || s.isBlank())) {
            throw new CliException(file + ": tls_server_config needs " + key);
        }
        return s == null || s.isBlank() ? null : s;
    }

    private static Path resolve(Path dir, String name) {
        Path p = Path.of(name);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    private static List<String> protocols(Path file, String min, String max) {
        List<String> all = List.of("TLSv1.2", "TLSv1.3");
        int from = version(file, "min_version", min, 0);
        int to = version(file, "max_version", max, all.size() - 1);
        if (from > to) {
            throw new CliException(file + ": tls_server_config.min_version " + min + " is above max_version " + max);
        }
        return all.subList(from, to + 1);
    }

    private static int version(Path file, String key, String value, int dflt) {
        if (value == null) {
            return dflt;
        }
        switch (value) {
            case "TLS12":
                return 0;
            case "TLS13":
                return 1;
            case "TLS10":
            case "TLS11":
                throw new CliException(file + ": tls_server_config." + key + " " + value
                        + " is not offered (TLS 1.0 and 1.1 are disabled in current JDKs); use TLS12 or TLS13");
            default:
                throw new CliException(file + ": tls_server_config." + key + " must be TLS12 or TLS13, got " + value);
        }
    }

    private static SSLContext sslContext(Path config, Path certFile, Path keyFile) {
        List<Certificate> chain;
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)));
            chain = new ArrayList<>(certs);
        } catch (IOException e) {
            throw new CliException(certFile + ": cannot read the certificate (cert_file in " + config + "): "
                    + Errors.describe(e), e);
        } catch (GeneralSecurityException e) {
            throw new CliException(certFile + ": not a PEM certificate (cert_file in " + config + "): "
                    + Errors.oneLine(String.valueOf(e.getMessage())), e);
        }
        if (chain.isEmpty()) {
            throw new CliException(certFile + ": holds no certificate (cert_file in " + config + ")");
        }
        PrivateKey key = privateKey(config, keyFile);
        try {
            char[] password = new char[16];
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) ('a' + random.nextInt(26));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new CliException(keyFile + ": the key does not fit the certificate " + certFile + " (in " + config
                    + "): " + Errors.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static PrivateKey privateKey(Path config, Path keyFile) {
        String pem;
        try {
            pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CliException(keyFile + ": cannot read the key (key_file in " + config + "): " + Errors.describe(e), e);
        }
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(config, keyFile, der);
                case "RSA PRIVATE KEY":
                    return pkcs8(config, keyFile, rsaPkcs1ToPkcs8(der));
                case "ENCRYPTED PRIVATE KEY":
                    throw new CliException(keyFile + ": the key is encrypted; give an unencrypted key (key_file in "
                            + config + "; `openssl pkcs8 -topk8 -nocrypt` converts it)");
                case "EC PRIVATE KEY":
                    throw new CliException(keyFile + ": SEC1 EC keys are not read; convert it to PKCS#8 with "
                            + "`openssl pkcs8 -topk8 -nocrypt -in " + keyFile.getFileName() + "` (key_file in " + config + ")");
                default:
                    break; // e.g. EC PARAMETERS before the key: look further
            }
        }
        throw new CliException(keyFile + ": holds no PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY; "
                + "key_file in " + config + ")");
    }

    private static PrivateKey pkcs8(Path config, Path keyFile, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new CliException(keyFile + ": not an RSA, EC or EdDSA private key this JDK can read (key_file in "
                + config + ")");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (rsaEncryption, NULL parameters). */
    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }
}
