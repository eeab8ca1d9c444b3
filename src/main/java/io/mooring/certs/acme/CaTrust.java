package io.mooring.certs.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * The HTTPS trust of the connection to the CA: the JDK's trusted CAs, or only the certificates of a PEM file
 * (a private CA, a test CA). Never "trust all".
 */
final class CaTrust {
    private CaTrust() {
    }

    /** A session with the CA at {@code directory}, trusting what {@code settings} says. */
    static Session session(AcmeSettings settings) throws AcmeFailure {
        if (settings.trustedCertificates().isEmpty()) {
            return new Session(settings.directory());
        }
        SSLContext context = sslContext(settings.trustedCertificates().get());
        return new Session(settings.directory(), new GenericAcmeProvider() {
            @Override
            protected HttpConnector createHttpConnector(NetworkSettings network) {
                return new HttpConnector(network) {
                    @Override
                    public HttpClient.Builder createClientBuilder() {
                        return super.createClientBuilder().sslContext(context);
                    }
                };
            }
        });
    }

    /** An SSL context that trusts exactly the certificates of {@code pemFile}. */
    static SSLContext sslContext(Path pemFile) throws AcmeFailure {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new AcmeFailure("ACME: cannot read the trusted certificates of " + pemFile + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new AcmeFailure("ACME: " + pemFile + " holds no PEM certificate to trust (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new AcmeFailure("ACME: " + pemFile + " holds no PEM certificate to trust");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new AcmeFailure("ACME: cannot trust the certificates of " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
