package io.mooring.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.api.model.Network;
import io.mooring.model.Labels;
import io.mooring.model.SubnetPool;
import io.mooring.model.TenantNetwork;
import java.util.List;
import java.util.Map;

/** The test's own view of the real engine: to start foreign containers, inspect results and clean up. */
public final class TestDocker implements AutoCloseable {
    public static final String REGISTRY = System.getProperty("mooring.test.registry", "127.0.0.1:5000");
    /** The registry that asks for a password (scripts/test-env), holding private/web:1.0, and its test login. */
    public static final String PRIVATE_REGISTRY = "127.0.0.1:5001";
    public static final String PRIVATE_USER = "mooring-test";
    public static final String PRIVATE_PASSWORD = "mooring-test-password";
    /**
     * The range tests that run many tenants at once give their networks subnets from (the agent's networks.pool), so
     * that they never use up the engine's default pools, which hold about 31 networks and are shared with every other test.
     */
    public static final String NETWORK_POOL = "10.212.0.0/16";
    private final DockerClient docker;

    public TestDocker() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /** {@link #NETWORK_POOL} in /24s, as the engine takes it. */
    public static SubnetPool networkPool() {
        return SubnetPool.parse(NETWORK_POOL, 24);
    }

    public static String image(String tag) {
        return REGISTRY + "/demo/web:" + tag;
    }

    /** Starts a container without Mooring's labels, as another tool or a person would. */
    public String runForeign(String name, String image, Map<String, String> labels) throws InterruptedException {
        docker.pullImageCmd(image).exec(new com.github.dockerjava.api.command.PullImageResultCallback()).awaitCompletion();
        String id = docker.createContainerCmd(image).withName(name).withLabels(labels).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Runs the docker command line, as an operator at the host would; fails on a non-zero exit. */
    public static String cli(String... args) throws java.io.IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out.strip();
    }

    /** Points {@code tag} of the demo image at the image of {@code sourceTag} in the registry, as a push of a mutable tag does. */
    public static void pushAs(String sourceTag, String tag) throws java.io.IOException, InterruptedException {
        cli("tag", image(sourceTag), image(tag));
        cli("push", "-q", image(tag));
    }

    /** The digest the registry serves for the demo image's tag, read from the registry's own API. */
    public static String registryDigest(String tag) throws java.io.IOException, InterruptedException {
        Process process = new ProcessBuilder("curl", "-fsSI", "-H", "Accept: application/vnd.docker.distribution.manifest.v2+json",
                "http://" + REGISTRY + "/v2/demo/web/manifests/" + tag).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        return out.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("docker-content-digest:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no digest for " + tag + ": " + out));
    }

    public InspectContainerResponse inspect(String idOrName) {
        return docker.inspectContainerCmd(idOrName).exec();
    }

    public List<Container> tenantContainers(String tenant) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.TENANT, tenant)).exec();
    }

    public boolean volumeExists(String name) {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public void createVolume(String name, Map<String, String> labels) {
        docker.createVolumeCmd().withName(name).withLabels(labels).exec();
    }

    public void removeContainer(String idOrName) {
        try {
            docker.removeContainerCmd(idOrName).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /**
     * Removes a tenant's containers, its named volumes and its network, whoever made it: test cleanup only, never product
     * code. Networks must not pile up across a run: the engine's default address pools hold about 31.
     */
    public void removeTenant(String tenant, String... volumes) {
        tenantContainers(tenant).forEach(c -> removeContainer(c.getId()));
        for (String volume : volumes) {
            try {
                docker.removeVolumeCmd(volume).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        }
        removeNetwork(TenantNetwork.name(tenant));
    }

    /** The network of that name, if there is one. */
    public java.util.Optional<Network> network(String name) {
        try {
            Network network = docker.inspectNetworkCmd().withNetworkId(name).exec();
            return name.equals(network.getName()) ? java.util.Optional.of(network) : java.util.Optional.empty();
        } catch (NotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /** Makes a network without Mooring's labels, as another tool or a person would. */
    public String createForeignNetwork(String name) {
        return docker.createNetworkCmd().withName(name).withDriver("bridge").exec().getId();
    }

    /** Removes a network, its containers disconnected first. */
    public void removeNetwork(String name) {
        network(name).ifPresent(n -> {
            if (n.getContainers() != null) {
                n.getContainers().keySet().forEach(id -> {
                    try {
                        docker.disconnectFromNetworkCmd().withNetworkId(n.getId()).withContainerId(id).withForce(true).exec();
                    } catch (NotFoundException e) {
                        // gone meanwhile
                    }
                });
            }
            try {
                docker.removeNetworkCmd(n.getId()).exec();
            } catch (NotFoundException e) {
                // already gone
            }
        });
    }

    /**
     * Makes the container {@code name} again as Mooring made containers before tenants had networks: the same labels,
     * image and named volumes, on Docker's default bridge; started. Returns the new container's id.
     */
    public String recreateOnDefaultBridge(String name) {
        InspectContainerResponse old = inspect(name);
        List<com.github.dockerjava.api.model.Bind> binds = old.getMounts().stream().filter(m -> m.getName() != null
                && !m.getName().matches("[0-9a-f]{64}")).map(m -> new com.github.dockerjava.api.model.Bind(m.getName(),
                new com.github.dockerjava.api.model.Volume(m.getDestination().getPath()))).toList();
        removeContainer(old.getId());
        String id = docker.createContainerCmd(old.getConfig().getImage()).withName(name).withLabels(old.getConfig().getLabels())
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withBinds(binds).withNetworkMode("bridge")
                        .withRestartPolicy(com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart()))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** The names of the networks the engine has, for tests that check none is left behind. */
    public List<String> networkNames() {
        return docker.listNetworksCmd().exec().stream().map(Network::getName).toList();
    }

    /** The subnets of every network the engine has: a test that chooses a subnet picks one none of them overlaps. */
    public List<String> subnets() {
        return docker.listNetworksCmd().exec().stream().filter(n -> n.getIpam() != null && n.getIpam().getConfig() != null)
                .flatMap(n -> n.getIpam().getConfig().stream()).map(Network.Ipam.Config::getSubnet)
                .filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void close() throws Exception {
        docker.close();
    }
}
