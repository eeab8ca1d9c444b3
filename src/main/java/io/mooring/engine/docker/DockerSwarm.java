package io.mooring.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.mooring.engine.EngineException;
import io.mooring.engine.SwarmEngine;
import io.mooring.model.DesiredService;
import io.mooring.model.ObservedService;
import io.mooring.model.SwarmFile;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@link SwarmEngine} on a Swarm manager's Engine API, through docker-java. Its parts: {@link SwarmServiceSpec} (a
 * desired service as Swarm's spec), {@link SwarmFollow} (services and tasks as Swarm reports them, a rollout followed),
 * {@link SwarmFiles} (secrets and configs) and {@link SwarmNetworks} (overlay networks).
 */
public final class DockerSwarm implements SwarmEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final DockerCalls calls;
    private final SwarmFollow follow;
    private final SwarmFiles files;
    private final SwarmNetworks networks;

    /** {@code dockerHost}: the address of a manager's Engine API, as {@code dockerHost:} names a single host's. */
    public DockerSwarm(String dockerHost) {
        DockerClientConfig config = EngineTransport.config(dockerHost);
        this.http = EngineTransport.of(dockerHost, 16, Duration.ofMinutes(2));
        this.docker = DockerClientImpl.getInstance(config, http);
        this.calls = new DockerCalls(dockerHost);
        this.follow = new SwarmFollow(docker, calls);
        this.files = new SwarmFiles(docker, calls);
        this.networks = new SwarmNetworks(docker, calls);
    }

    @Override
    public boolean manager() {
        Info info = calls.call("ask the engine for its swarm", () -> docker.infoCmd().exec());
        SwarmInfo swarm = info.getSwarm();
        return swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable()) && swarm.getLocalNodeState() == LocalNodeState.ACTIVE;
    }

    @Override
    public List<ObservedService> services(String tenant) {
        return follow.services(tenant);
    }

    @Override
    public String create(DesiredService service, String revision, String pinned, String digest) {
        var spec = SwarmServiceSpec.of(service, revision, pinned, digest, files.ids());
        return calls.call("create service " + service.serviceName(), () -> docker.createServiceCmd(spec).exec()).getId();
    }

    @Override
    public void update(ObservedService current, DesiredService service, String revision, String pinned, String digest) {
        var spec = SwarmServiceSpec.of(service, revision, pinned, digest, files.ids());
        calls.call("update service " + current.name(), () -> docker.updateServiceCmd(current.id(), spec).withVersion(current.version()).exec());
    }

    /**
     * Swarm's own rollback ({@code POST /services/{id}/update?rollback=previous}; docker-java has no word for it): the
     * service's previous spec, rolled out by its rollback policy. The spec sent with it is the service's current one, as
     * the engine reads it back, which Swarm replaces with the previous.
     */
    @Override
    public void rollback(ObservedService current) {
        String what = "roll back service " + current.name();
        JsonNode service = request(what, DockerHttpClient.Request.Method.GET, "/services/" + encoded(current.id()), null);
        long version = service.path("Version").path("Index").asLong(current.version());
        if (service.path("PreviousSpec").isMissingNode() || service.path("PreviousSpec").isNull()) {
            throw new EngineException(what + ": Swarm holds no earlier spec of it (it was never updated); nothing to roll back to");
        }
        request(what, DockerHttpClient.Request.Method.POST, "/services/" + encoded(current.id()) + "/update?version=" + version
                + "&rollback=previous", service.path("Spec"));
    }

    @Override
    public Rollout await(String serviceId, Duration timeout) {
        return follow.await(serviceId, timeout);
    }

    @Override
    public void remove(ObservedService service) {
        SwarmFiles.gone(() -> calls.call("remove service " + service.name(), () -> docker.removeServiceCmd(service.id()).exec()));
    }

    @Override
    public void ensureFiles(String tenant, Collection<SwarmFile> wanted) {
        files.ensure(tenant, wanted);
    }

    @Override
    public void pruneFiles(String tenant, Set<String> keep) {
        files.prune(tenant, keep, allServices());
    }

    @Override
    public void ensureNetwork(String name, String tenant) {
        networks.ensure(name, tenant);
    }

    @Override
    public List<String> removeNetworks(String tenant) {
        return networks.removeUnused(tenant, allServices());
    }

    private List<Service> allServices() {
        return calls.call("list the swarm's services", () -> docker.listServicesCmd().exec());
    }

    /** A call docker-java has no command for, its answer as JSON; an error answer becomes the engine's message. */
    private JsonNode request(String what, DockerHttpClient.Request.Method method, String path, JsonNode body) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path);
        try {
            if (body != null) {
                request.putHeader("Content-Type", "application/json").bodyBytes(JSON.writeValueAsBytes(body));
            }
            try (DockerHttpClient.Response response = http.execute(request.build())) {
                byte[] answer = response.getBody().readNBytes(1 << 22);
                JsonNode json = answer.length == 0 ? JSON.nullNode() : JSON.readTree(answer);
                if (response.getStatusCode() == 404) {
                    throw new DockerCalls.NotFound(what, null);
                }
                if (response.getStatusCode() / 100 != 2) {
                    throw new EngineException(what + " on " + calls.host() + ": " + json.path("message").asText("HTTP " + response.getStatusCode()));
                }
                return json;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException engineException) {
                throw engineException;
            }
            throw new EngineException("cannot reach the Docker engine at " + calls.host() + " (" + what + "): " + DockerEngine.message(e), e);
        }
    }

    private static String encoded(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            // closing the transport: nothing left to do
        }
    }
}
