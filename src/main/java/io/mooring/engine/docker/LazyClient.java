package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.util.function.Supplier;

/**
 * docker-java's client on the engine's transport, made at its first use: a pass that finds nothing to do asks the engine
 * only through {@link ContainerRows} and the registry's digest, and never loads docker-java's commands and models (some
 * 200 classes, and their object mapper).
 */
final class LazyClient implements Supplier<DockerClient> {
    private final String dockerHost;
    private final DockerHttpClient http;
    private volatile DockerClient client;

    LazyClient(String dockerHost, DockerHttpClient http) {
        this.dockerHost = dockerHost;
        this.http = http;
    }

    @Override
    public DockerClient get() {
        DockerClient made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    client = DockerClientImpl.getInstance(EngineTransport.config(dockerHost), http);
                }
                made = client;
            }
        }
        return made;
    }
}
