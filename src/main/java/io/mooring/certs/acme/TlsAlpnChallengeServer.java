package io.mooring.certs.acme;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;

/**
 * TLS-ALPN-01: a TLS server, up only while an order is open, that completes a handshake only for the ALPN
 * protocol {@code acme-tls/1} and a server name of the open order, presenting that name's validation
 * certificate; it sends no data and closes. Everything else fails its handshake.
 */
final class TlsAlpnChallengeServer implements ChallengeResponder {
    private static final int HANDSHAKE_MILLIS = 10_000;

    /** acme4j signs the validation certificate with SHA256withRSA, so its key is an RSA one. */
    private static final String KEY_TYPE = "RSA";

    private final KeyPair key = rsaKey();
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
    private final SSLServerSocket socket;
    private final Thread acceptor;

    private TlsAlpnChallengeServer(InetSocketAddress address) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new ByServerName()}, null, null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address, 16);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {TlsAlpn01Challenge.ACME_TLS_1_PROTOCOL});
        socket.setSSLParameters(parameters);
        acceptor = new Thread(this::acceptAll, "acme-tls-alpn-01");
        acceptor.setDaemon(true);
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_TYPE);
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys", e);
        }
    }

    /** Listens on {@code address} until closed. */
    static TlsAlpnChallengeServer start(InetSocketAddress address) throws AcmeFailure {
        try {
            TlsAlpnChallengeServer server = new TlsAlpnChallengeServer(address);
            server.acceptor.start();
            return server;
        } catch (IOException | GeneralSecurityException e) {
            throw new AcmeFailure("ACME: cannot listen on " + address + " for the tls-alpn-01 challenge: " + e.getMessage(), e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void answer(Identifier identifier, Challenge challenge) throws AcmeFailure {
        try {
            X509Certificate certificate = ((TlsAlpn01Challenge) challenge).createCertificate(key, identifier);
            certificates.put(identifier.getDomain().toLowerCase(Locale.ROOT), certificate);
        } catch (RuntimeException e) {
            throw new AcmeFailure("ACME: " + identifier.getDomain() + ": cannot make the tls-alpn-01 certificate: "
                    + Problems.oneLine(e), e);
        }
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(HANDSHAKE_MILLIS);
                ((SSLSocket) client).startHandshake();
            } catch (IOException e) {
                // A failed handshake (another protocol, an unknown name) or the socket closed: nothing to answer.
            }
        }
    }

    /**
     * Closed, and no longer listening once this returns: a socket closed while its acceptor waits in {@code accept}
     * stays listening until that thread has been woken and left, so the acceptor is waited for (at most as long as a
     * handshake under way may take).
     */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
        try {
            acceptor.join(HANDSHAKE_MILLIS + 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Chooses the validation certificate of the server name the client asked for (SNI), if it is the order's. */
    private final class ByServerName extends X509ExtendedKeyManager {
        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket client) {
            if (!KEY_TYPE.equals(keyType) || !(client instanceof SSLSocket ssl)
                    || !(ssl.getHandshakeSession() instanceof ExtendedSSLSession session)) {
                return null;
            }
            for (SNIServerName name : session.getRequestedServerNames()) {
                if (name instanceof SNIHostName host && certificates.containsKey(host.getAsciiName().toLowerCase(Locale.ROOT))) {
                    return host.getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
            return null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            X509Certificate certificate = certificates.get(alias);
            return certificate == null ? null : new X509Certificate[] {certificate};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return certificates.containsKey(alias) ? key.getPrivate() : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return KEY_TYPE.equals(keyType) ? certificates.keySet().toArray(String[]::new) : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket client) {
            return null;
        }
    }
}
