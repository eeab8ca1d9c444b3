package io.mooring.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Pebble, the ACME test CA scripts/test-env-pebble starts: its directory, the PEM file to trust for its HTTPS,
 * the ports it validates challenges on, its root of the day, and the DNS of pebble-challtestsrv it resolves
 * names through (every name 127.0.0.1 unless a test says otherwise).
 */
public final class TestPebble {
    public static final URI DIRECTORY = URI.create("https://127.0.0.1:14000/dir");
    public static final Path TRUST = Path.of("/var/lib/mooring-test/pebble/ca.pem");
    /** The port pebble fetches HTTP-01 tokens from and the one it connects to for TLS-ALPN-01. */
    public static final int HTTP_PORT = 5080;
    public static final int TLS_PORT = 5443;
    private static final URI ROOT = URI.create("https://127.0.0.1:15000/roots/0");
    private static final URI DNS_MANAGEMENT = URI.create("http://127.0.0.1:8055/");

    private TestPebble() {
    }

    /** The root pebble issues under (a new one each time pebble starts), from its management interface. */
    public static X509Certificate root() throws IOException, InterruptedException, GeneralSecurityException {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(TRUST)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(ROOT).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("pebble's management interface answered " + response.statusCode() + " for " + ROOT);
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(response.body()));
    }

    /** From now on pebble resolves {@code host} to {@code address} (an IPv4 address) instead of 127.0.0.1. */
    public static void resolve(String host, String address) throws IOException, InterruptedException {
        String body = "{\"host\":\"" + host + "\",\"addresses\":[\"" + address + "\"]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(DNS_MANAGEMENT.resolve("add-a"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("pebble-challtestsrv answered " + response.statusCode() + " to add-a: " + response.body());
        }
    }

    /** An SSL context trusting exactly the certificates of a PEM file. */
    public static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
