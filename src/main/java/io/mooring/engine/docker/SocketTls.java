package io.mooring.engine.docker;

import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.transport.SSLConfig;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS settings of the engine's HTTP client. Over a unix socket there is no TLS, but the client makes a TLS context
 * all the same, the JDK's default when it is given none: the JDK's TLS provider and trust store, a tenth of a second
 * of every command and of the agent's start. There it gets one that refuses to be used instead; a {@code tcp://}
 * engine keeps what {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} say (no context there is plain HTTP).
 */
final class SocketTls {
    private SocketTls() {
    }

    static SSLConfig of(DockerClientConfig config) {
        if (config.getSSLConfig() != null || !"unix".equals(config.getDockerHost().getScheme())) {
            return config.getSSLConfig();
        }
        return Refused::new;
    }

    /** A TLS context for a connection that never has TLS: anything asked of it is a defect, said as one. */
    private static final class Refused extends SSLContext {
        Refused() {
            super(new Spi(), null, "none");
        }
    }

    private static final class Spi extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("the Docker engine is reached over a unix socket, which has no TLS");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
