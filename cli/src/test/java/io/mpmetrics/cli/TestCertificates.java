package io.mpmetrics.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made by the JDK's real
 * {@code keytool}, written as the PEM files a web config names, plus a client
 * {@link SSLContext} that trusts exactly that certificate.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.make(dir);
 * HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
 * }</pre>
 */
final class TestCertificates {
    final Path certPem;
    final Path keyPem;
    final Path rsaKeyPem;
    final X509Certificate certificate;

    private TestCertificates(Path certPem, Path keyPem, Path rsaKeyPem, X509Certificate certificate) {
        this.certPem = certPem;
        this.keyPem = keyPem;
        this.rsaKeyPem = rsaKeyPem;
        this.certificate = certificate;
    }

    static TestCertificates make(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("server.p12");
        char[] password = "changeit".toCharArray();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(password))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        PrivateKey key = (PrivateKey) ks.getKey("server", password);
        Certificate cert = ks.getCertificate("server");
        Path certPem = Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", cert.getEncoded()));
        Path keyPem = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
        Path rsaKeyPem = Files.writeString(dir.resolve("server-rsa.key"),
                pem("RSA PRIVATE KEY", pkcs1Of(key.getEncoded())));
        return new TestCertificates(certPem, keyPem, rsaKeyPem, (X509Certificate) cert);
    }

    /** A client context that trusts the test certificate (and nothing else). */
    SSLContext clientContext() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the content of its OCTET STRING. */
    static byte[] pkcs1Of(byte[] pkcs8) {
        int[] pos = {0};
        header(pkcs8, pos, 0x30);             // PrivateKeyInfo SEQUENCE: step inside
        skip(pkcs8, pos);                     // version
        skip(pkcs8, pos);                     // AlgorithmIdentifier
        int length = header(pkcs8, pos, 0x04);
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + length);
    }

    private static int header(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]++] & 0xff) != tag) {
            throw new IllegalArgumentException("unexpected DER tag at " + (pos[0] - 1));
        }
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }

    private static void skip(byte[] der, int[] pos) {
        int tag = der[pos[0]] & 0xff;
        int length = header(der, pos, tag);
        pos[0] += length;
    }
}
