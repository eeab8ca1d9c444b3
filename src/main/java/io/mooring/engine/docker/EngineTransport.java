package io.mooring.engine.docker;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the engine is reached: its Unix socket through {@link UnixSocketHttp} (no TLS, no pool), anything else through
 * docker-java's Apache transport, with TLS as {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH} say.
 */
final class EngineTransport {
    private EngineTransport() {
    }

    /** {@code readTimeout}: how long an answer may send nothing before it is given up (an idle event stream too). */
    static DockerHttpClient of(String dockerHost, int maxConnections, Duration readTimeout) {
        if (dockerHost.startsWith("unix://")) {
            return new UnixSocketHttp(Path.of(URI.create(dockerHost).getPath()), readTimeout);
        }
        DockerClientConfig config = config(dockerHost);
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()) // none without DOCKER_TLS_VERIFY: plain HTTP
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(readTimeout)
                .build();
    }

    /** docker-java's settings for the address, with what {@code DOCKER_*} variables add (TLS). */
    static DockerClientConfig config(String dockerHost) {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    }
}
