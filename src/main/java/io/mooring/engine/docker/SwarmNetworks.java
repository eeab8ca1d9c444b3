package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import io.mooring.engine.EngineException;
import io.mooring.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's overlay networks in the swarm: attachable, labelled as Mooring's tenant networks are on a single host, and
 * used or removed only when those labels say the tenant's. Their subnets come from the swarm's default address pool.
 */
final class SwarmNetworks {
    /** How long a network still joined by a removed service's tasks is waited for. */
    private static final java.time.Duration LEAVING = java.time.Duration.ofSeconds(30);
    /**
     * How long a swarm network just made is waited for to show its driver: the managers allocate it after the call that
     * made it returns, and until then the engine reports it without one.
     */
    private static final java.time.Duration ALLOCATING = java.time.Duration.ofSeconds(10);

    /** One network made at a time by this process: the engine's duplicate check is not atomic. */
    private static final Object MAKING = new Object();

    private final DockerClient docker;
    private final DockerCalls calls;

    SwarmNetworks(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    void ensure(String name, String tenant) {
        synchronized (MAKING) {
            Optional<Network> found = allocated(find(name), name);
            if (found.isPresent()) {
                String whose = whose(found.get(), tenant);
                if (whose != null) {
                    throw new EngineException("network " + name + " is not tenant " + tenant + "'s (" + whose + "); Mooring neither"
                            + " joins nor removes it: see what uses it (docker network inspect " + name + "), then rename or remove"
                            + " it and the next pass makes the tenant's own");
                }
                if (!"overlay".equals(found.get().getDriver())) {
                    throw new EngineException("network " + name + " is tenant " + tenant + "'s but a " + found.get().getDriver()
                            + " network, and a Swarm service joins overlay networks only: remove it once no container uses it"
                            + " (docker network rm " + name + "), and the next pass makes it as an overlay network");
                }
                return;
            }
            calls.call("create overlay network " + name, () -> docker.createNetworkCmd().withName(name).withDriver("overlay")
                    .withAttachable(true).withCheckDuplicate(true)
                    .withLabels(Map.of(Labels.TENANT, tenant, Labels.NETWORK, Labels.TENANT_NETWORK)).exec());
        }
    }

    /**
     * Removes the tenant's overlay networks that no service joins; the names removed. One that a removed service's tasks
     * have not left yet is left for a later call.
     */
    List<String> removeUnused(String tenant, List<Service> services) {
        Set<String> joined = new HashSet<>();
        for (Service service : services) {
            if (service.getSpec() == null) {
                continue;
            }
            List<NetworkAttachmentConfig> networks = new ArrayList<>();
            if (service.getSpec().getNetworks() != null) {
                networks.addAll(service.getSpec().getNetworks());
            }
            if (service.getSpec().getTaskTemplate() != null && service.getSpec().getTaskTemplate().getNetworks() != null) {
                networks.addAll(service.getSpec().getTaskTemplate().getNetworks());
            }
            networks.forEach(n -> joined.add(n.getTarget()));
        }
        List<String> removed = new ArrayList<>();
        List<Network> owned = calls.call("list networks", () -> docker.listNetworksCmd()
                .withFilter("label", List.of(Labels.TENANT + "=" + tenant)).withFilter("driver", List.of("overlay")).exec());
        for (Network network : owned) {
            if (whose(network, tenant) != null || joined.contains(network.getId()) || joined.contains(network.getName())) {
                continue;
            }
            if (remove(network)) {
                removed.add(network.getName());
            }
        }
        return removed.stream().sorted().toList();
    }

    /**
     * Removes the network; a removed service's tasks leave it in the background, so while it still has endpoints it is
     * asked again for up to {@link #LEAVING}; false when it is still used then (it goes on a later pass).
     */
    private boolean remove(Network network) {
        long deadline = System.nanoTime() + LEAVING.toNanos();
        while (true) {
            try {
                calls.call("remove network " + network.getName(), () -> docker.removeNetworkCmd(network.getId()).exec());
                return true;
            } catch (DockerCalls.NotFound e) {
                return false;
            } catch (EngineException e) {
                if (!String.valueOf(e.getMessage()).contains("active endpoints")) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** The network once its driver is known: a swarm network being allocated is asked again until it is, or until ALLOCATING. */
    private Optional<Network> allocated(Optional<Network> found, String name) {
        long deadline = System.nanoTime() + ALLOCATING.toNanos();
        while (found.isPresent() && unallocated(found.get())) {
            if (System.nanoTime() > deadline) {
                throw new EngineException("network " + name + " is a swarm network whose driver the managers have not"
                        + " allocated after " + ALLOCATING.toSeconds() + " s: see docker network inspect " + name
                        + " and docker node ls (a manager down or out of quorum), and the next pass asks again");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while network " + name + " was being allocated");
            }
            found = find(name);
        }
        return found;
    }

    private static boolean unallocated(Network network) {
        return "swarm".equals(network.getScope()) && (network.getDriver() == null || network.getDriver().isEmpty());
    }

    private Optional<Network> find(String name) {
        try {
            Network network = calls.call("inspect network " + name, () -> docker.inspectNetworkCmd().withNetworkId(name).exec());
            // An id or a prefix of one is matched too; a tenant's network is known by its name alone.
            return name.equals(network.getName()) ? Optional.of(network) : Optional.empty();
        } catch (DockerCalls.NotFound e) {
            return Optional.empty();
        }
    }

    /** Why the network's labels do not make it the tenant's, or null when they do: as for a single host's networks. */
    private static String whose(Network network, String tenant) {
        return DockerNetworks.whose(network, tenant);
    }
}
