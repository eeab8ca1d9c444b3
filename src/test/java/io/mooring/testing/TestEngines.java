package io.mooring.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.mooring.model.Labels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Docker engines of the fleet tests, each standing in for a host of a cluster: engine 1, 2 and 3 are the extra
 * engines scripts/test-env starts (a dockerd each, on {@code /run/mooring-test/engine-N.sock}, with its own data root
 * and bridge), engine 0 is the machine's main engine, which every other test shares. A test gives an agent
 * {@link #dockerHost(int)} as its {@code dockerHost:}, looks at what each engine runs, and removes what its tenants
 * left on every engine ({@link #removeTenant}). Engine {@link #SWARM} is apart: {@link TestSwarm}.
 */
public final class TestEngines implements AutoCloseable {
    /** How many extra engines scripts/test-env starts: engines 1 to COUNT. */
    public static final int COUNT = 3;
    /** The engine scripts/test-env makes a single-node Swarm manager, for the Swarm tests; not one of the fleet's. */
    public static final int SWARM = 4;
    /** The machine's main engine, as an index of {@link #dockerHost(int)}. */
    public static final int MAIN = 0;
    private final List<DockerClient> clients = new ArrayList<>();

    /** Clients of engines 0 to {@link #COUNT}; fails, saying how to fix it, when one does not answer. */
    public TestEngines() {
        for (int n = MAIN; n <= COUNT; n++) {
            DockerClient client = client(dockerHost(n));
            clients.add(client);
            try {
                client.pingCmd().exec();
            } catch (RuntimeException e) {
                throw new IllegalStateException("engine " + n + " does not answer on " + dockerHost(n) + " (" + e.getMessage()
                        + "); run scripts/test-env as root, which starts it (its log: /var/log/mooring-test/engine-" + n + ".log)", e);
            }
        }
    }

    /** The socket of extra engine {@code n} (1 to {@link #COUNT}). */
    public static Path socket(int n) {
        if (n < 1 || n > COUNT) {
            throw new IllegalArgumentException("no extra engine " + n + ": they are 1 to " + COUNT);
        }
        return Path.of("/run/mooring-test/engine-" + n + ".sock");
    }

    /** The address of engine {@link #SWARM}, the Swarm manager, as an agent's {@code dockerHost:} would name it. */
    public static String swarmHost() {
        return "unix:///run/mooring-test/engine-" + SWARM + ".sock";
    }

    /** The address of engine {@code n}, as an agent's {@code dockerHost:} names it; 0 is the main engine. */
    public static String dockerHost(int n) {
        return n == MAIN ? "unix:///var/run/docker.sock" : "unix://" + socket(n);
    }

    private static DockerClient client(String host) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** The test's own client of engine {@code n}. */
    public DockerClient client(int n) {
        return clients.get(n);
    }

    /** Every container of the tenant on engine {@code n}, stopped ones and hook jobs included. */
    public List<Container> containers(int n, String tenant) {
        return client(n).listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.TENANT, tenant)).exec();
    }

    /** The components of the tenant's containers (not its jobs') on engine {@code n}, sorted, as "component state". */
    public List<String> components(int n, String tenant) {
        return containers(n, tenant).stream().filter(c -> c.getLabels().getOrDefault(Labels.JOB, "").isEmpty())
                .map(c -> c.getLabels().get(Labels.COMPONENT) + " " + c.getState()).sorted().toList();
    }

    /** The components of the tenant's containers on every engine, by engine; an engine without any is left out. */
    public Map<Integer, List<String>> componentsByEngine(String tenant) {
        Map<Integer, List<String>> found = new TreeMap<>();
        for (int n = MAIN; n <= COUNT; n++) {
            List<String> components = components(n, tenant);
            if (!components.isEmpty()) {
                found.put(n, components);
            }
        }
        return found;
    }

    /**
     * Removes the tenant's containers, volumes and networks (whatever carries its {@code io.mooring.tenant} label) from
     * every engine: test cleanup only, never product code.
     */
    public void removeTenant(String tenant) {
        Map<String, List<String>> label = Map.of("label", List.of(Labels.TENANT + "=" + tenant));
        for (DockerClient docker : clients) {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.TENANT, tenant)).exec()
                    .forEach(c -> gone(() -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec()));
            docker.listNetworksCmd().withFilter("label", label.get("label")).exec()
                    .forEach(n -> gone(() -> docker.removeNetworkCmd(n.getId()).exec()));
            var volumes = docker.listVolumesCmd().withFilter("label", label.get("label")).exec().getVolumes();
            (volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes)
                    .forEach(v -> gone(() -> docker.removeVolumeCmd(v.getName()).exec()));
        }
    }

    /**
     * Removes every image of the repository of {@code reference} (a tag, by its tags and the digests the engine pulled it
     * by) from the extra engines, so that their next pull fetches what the test pushed: StandIns removes the main
     * engine's copy itself, and a stand-in left from an earlier run must not be what a test sees.
     */
    public void forgetImage(String reference) {
        String repository = reference.replaceFirst("^docker\\.io/", "").replaceFirst("^library/", "").replaceFirst(":[^:/]+$", "");
        for (int n = 1; n <= COUNT; n++) {
            DockerClient docker = client(n);
            docker.listImagesCmd().exec().stream().filter(image -> names(image).stream()
                            .anyMatch(name -> name.startsWith(repository + ":") || name.startsWith(repository + "@")))
                    .forEach(image -> gone(() -> docker.removeImageCmd(image.getId()).withForce(true).exec()));
        }
    }

    private static List<String> names(com.github.dockerjava.api.model.Image image) {
        List<String> names = new ArrayList<>();
        names.addAll(image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()));
        names.addAll(image.getRepoDigests() == null ? List.of() : List.of(image.getRepoDigests()));
        return names;
    }

    /** Runs a removal; something already gone is fine. */
    private static void gone(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public void close() throws Exception {
        for (DockerClient client : clients) {
            client.close();
        }
    }
}
