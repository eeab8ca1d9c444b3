package io.mooring.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.mooring.model.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test's own client of the Swarm manager scripts/test-env starts (engine {@link TestEngines#SWARM}): what Swarm
 * holds of a tenant, seen apart from Mooring, its node's labels, and the tenant's services, secrets, configs, networks
 * and volumes removed after a test (test cleanup only, never product code).
 */
public final class TestSwarm implements AutoCloseable {
    private final DockerClient docker;

    /** Fails, saying how to fix it, when the engine does not answer or is not a swarm manager. */
    public TestSwarm() {
        String host = TestEngines.swarmHost();
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
        SwarmInfo swarm;
        try {
            swarm = docker.infoCmd().exec().getSwarm();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Swarm test engine does not answer on " + host + " (" + e.getMessage() + "); run"
                    + " scripts/test-env as root, which starts it (its log: /var/log/mooring-test/engine-" + TestEngines.SWARM + ".log)", e);
        }
        if (swarm == null || swarm.getLocalNodeState() != LocalNodeState.ACTIVE || !Boolean.TRUE.equals(swarm.getControlAvailable())) {
            throw new IllegalStateException("the engine on " + host + " is not a swarm manager; run scripts/test-env as root, which"
                    + " makes it one (docker -H " + host + " swarm init --advertise-addr 127.0.0.1 ...)");
        }
    }

    public DockerClient client() {
        return docker;
    }

    public Service service(String id) {
        return docker.inspectServiceCmd(id).exec();
    }

    /** The image the service's spec runs now. */
    public String image(String serviceId) {
        return service(serviceId).getSpec().getTaskTemplate().getContainerSpec().getImage();
    }

    public List<Task> tasks(String serviceId) {
        return docker.listTasksCmd().withServiceFilter(serviceId).exec();
    }

    /** The names of the tenant's secrets (true) or configs (false). */
    public List<String> files(String tenant, boolean secrets) {
        return secrets
                ? docker.listSecretsCmd().withLabelFilter(Map.of(Labels.TENANT, tenant)).exec().stream().map(s -> s.getSpec().getName()).sorted().toList()
                : docker.listConfigsCmd().withFilters(Map.of("label", List.of(Labels.TENANT + "=" + tenant))).exec().stream()
                        .map(c -> c.getSpec().getName()).sorted().toList();
    }

    public boolean networkExists(String name) {
        return docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name));
    }

    public boolean volumeExists(String name) {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Sets a label on the (single) node, as an operator marks a node for placement constraints. */
    public void labelNode(String key, String value) {
        // Test classes running at once label the node too: the node is read again when another's update came first.
        for (int attempt = 1; ; attempt++) {
            SwarmNode node = docker.listSwarmNodesCmd().exec().get(0);
            SwarmNodeSpec spec = node.getSpec();
            Map<String, String> labels = new HashMap<>(spec.getLabels() == null ? Map.of() : spec.getLabels());
            if (value.equals(labels.get(key))) {
                return;
            }
            labels.put(key, value);
            try {
                docker.updateSwarmNodeCmd().withSwarmNodeId(node.getId()).withVersion(node.getVersion().getIndex())
                        .withSwarmNodeSpec(spec.withLabels(labels)).exec();
                return;
            } catch (com.github.dockerjava.api.exception.DockerException e) {
                if (attempt >= 5 || !String.valueOf(e.getMessage()).contains("out of sequence")) {
                    throw e;
                }
                sleep();
            }
        }
    }

    /** Removes whatever carries the tenant's label: services first (their tasks' containers go), then files, networks, volumes. */
    public void removeTenant(String tenant) {
        Map<String, String> label = Map.of(Labels.TENANT, tenant);
        docker.listServicesCmd().withLabelFilter(label).exec().forEach(s -> gone(() -> docker.removeServiceCmd(s.getId()).exec()));
        // A service's containers stop in the background; a secret, config or network in use cannot go before they do.
        long deadline = System.currentTimeMillis() + 30_000;
        while (!docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec().isEmpty() && System.currentTimeMillis() < deadline) {
            sleep();
        }
        docker.listSecretsCmd().withLabelFilter(label).exec().forEach(s -> gone(() -> docker.removeSecretCmd(s.getId()).exec()));
        docker.listConfigsCmd().withFilters(Map.of("label", List.of(Labels.TENANT + "=" + tenant))).exec()
                .forEach(c -> gone(() -> docker.removeConfigCmd(c.getId()).exec()));
        docker.listNetworksCmd().withFilter("label", List.of(Labels.TENANT + "=" + tenant)).exec()
                .forEach(n -> gone(() -> docker.removeNetworkCmd(n.getId()).exec()));
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.TENANT + "=" + tenant)).exec().getVolumes();
        (volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes)
                .forEach(v -> gone(() -> docker.removeVolumeCmd(v.getName()).exec()));
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void gone(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public void close() throws Exception {
        docker.close();
    }
}
