package io.mooring.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.transport.SSLConfig;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** Pure, but docker-java's own configuration classes are kept out of unit tests. */
class SocketTlsIT {
    @Test
    void aUnixSocketGetsAContextThatRefusesToBeUsed() throws Exception {
        SSLConfig tls = SocketTls.of(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("unix:///var/run/docker.sock").build());

        SSLContext context = tls.getSSLContext();
        assertThatThrownBy(context::getSocketFactory).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("unix socket");
        assertThatThrownBy(context::createSSLEngine).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aTcpEngineKeepsWhatTheEnvironmentSays() {
        // Without DOCKER_TLS_VERIFY there is no context, and the client speaks plain HTTP, as before.
        assertThat(SocketTls.of(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("tcp://127.0.0.1:2375")
                .withDockerTlsVerify(false).build())).isNull();
    }
}
