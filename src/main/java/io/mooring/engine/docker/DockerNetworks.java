package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.function.Supplier;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import io.mooring.model.ComposeResources;
import io.mooring.model.ContainerOptions;
import io.mooring.model.DesiredContainer;
import io.mooring.engine.EngineException;
import io.mooring.model.Labels;
import io.mooring.model.SubnetPool;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenants' own bridge networks: made when a tenant's container first needs one, labelled as Mooring's and as the
 * tenant's, and used or removed only when those labels say so. A network of that name that someone else made is
 * reported, never joined. Subnets come from Docker's default pools, or from the agent's {@code networks.pool}.
 */
final class DockerNetworks {
    /** How often a subnet picked from the agent's pool is picked again when another network took it in between. */
    private static final int OVERLAP_ATTEMPTS = 3;
    private static final List<String> POOLS_USED_UP = List.of("all predefined address pools have been fully subnetted",
            "could not find an available, non-overlapping IPv4 address pool");

    private final Supplier<DockerClient> docker;
    private final DockerCalls calls;
    private final Optional<SubnetPool> pool;
    /**
     * One network made at a time by this process, whichever engine client asks: two tenants' networks must not be given
     * the same subnet, and two clients making one name at once would get two networks of that name (the engine's own
     * duplicate check is not atomic), after which the name is ambiguous to every call.
     */
    private static final Object MAKING = new Object();

    DockerNetworks(Supplier<DockerClient> docker, DockerCalls calls, Optional<SubnetPool> pool) {
        this.docker = docker;
        this.calls = calls;
        this.pool = pool;
    }

    /** Makes the tenant's network unless it is there: one inspection when it is. Another's network of the name is refused. */
    void ensure(String name, String tenant) {
        Optional<Network> found = find(name);
        if (found.isPresent()) {
            claim(found.get(), name, tenant);
            return;
        }
        synchronized (MAKING) {
            found = find(name);
            if (found.isPresent()) {
                claim(found.get(), name, tenant);
                return;
            }
            create(name, tenant, false, Map.of());
        }
    }

    /** A network of components.yml (or the tenant's own, written {@code default}), made as it is declared unless it is there. */
    void ensure(ContainerOptions.NetworkAttachment network, String tenant) {
        if (network.key().equals(ComposeResources.DEFAULT_NETWORK)) {
            ensure(network.network(), tenant);
            return;
        }
        synchronized (MAKING) {
            Optional<Network> found = find(network.network());
            if (found.isPresent()) {
                claim(found.get(), network.network(), tenant);
                unchanged(found.get(), network);
                return;
            }
            if (!network.subnet().isEmpty() && pool.map(p -> !p.holdsSubnet(network.subnet())).orElse(true)) {
                // The engine checks a chosen subnet against its own networks only: one could cover the host's LAN.
                throw new EngineException("network " + network.network() + " asks for subnet " + network.subnet() + ": a subnet of a"
                        + " tenant's choosing could cover the host's own networks, so it must lie inside the agent's networks.pool, as a /"
                        + pool.map(p -> p.size() + " or smaller inside " + p.cidr()).orElse("24 or smaller (networks.pool is not set)")
                        + "; choose one there, or drop ipam and ipv4_address");
            }
            if (network.subnet().isEmpty()) {
                // From the agent's pool when it has one, as the tenant's own network is.
                create(network.network(), tenant, network.internal(), network.labels());
                return;
            }
            CreateNetworkCmd cmd = docker.get().createNetworkCmd().withName(network.network()).withDriver("bridge").withCheckDuplicate(true)
                    .withInternal(network.internal())
                    .withLabels(labels(tenant, network.labels()));
            if (!network.subnet().isEmpty()) {
                Network.Ipam.Config config = new Network.Ipam.Config().withSubnet(network.subnet());
                if (!network.gateway().isEmpty()) {
                    config.withGateway(network.gateway());
                }
                cmd.withIpam(new Network.Ipam().withConfig(config));
            }
            calls.call("create network " + network.network(), cmd::exec);
        }
    }

    /** The tenant's networks of components.yml: labelled as its own, named {@code mooring-<tenant>-N-*}. */
    List<String> composeNetworks(String tenant) {
        String prefix = ComposeResources.networkName(tenant, "");
        return calls.call("list networks", () -> docker.get().listNetworksCmd().withFilter("label", List.of(Labels.TENANT + "=" + tenant)).exec())
                .stream().map(Network::getName).filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    /**
     * A network the engine has is never changed under running containers: one made with other settings than components.yml
     * now declares is reported, with the way out (a new name makes a new network; the old one goes once unused).
     */
    private static void unchanged(Network found, ContainerOptions.NetworkAttachment declared) {
        boolean internal = Boolean.TRUE.equals(found.getInternal());
        List<String> subnets = found.getIpam() == null || found.getIpam().getConfig() == null ? List.of()
                : found.getIpam().getConfig().stream().map(Network.Ipam.Config::getSubnet).filter(Objects::nonNull).toList();
        if (internal != declared.internal() || !declared.subnet().isEmpty() && !subnets.contains(declared.subnet())) {
            throw new EngineException("network " + declared.network() + " was made " + (internal ? "internal" : "not internal")
                    + (subnets.isEmpty() ? "" : " with subnet " + String.join(", ", subnets)) + ", and components.yml now declares "
                    + declared.key() + (declared.internal() ? " internal" : " not internal")
                    + (declared.subnet().isEmpty() ? "" : " with subnet " + declared.subnet()) + "; Mooring does not change a"
                    + " network its containers use: give the network a new name in components.yml (the old one is removed once"
                    + " no container joins it)");
        }
    }

    /** Connects a created container to its networks after the first, with its names and fixed address there. */
    void connectOthers(String id, DesiredContainer spec) {
        connectOthers(id, spec, true);
    }

    /**
     * The same; a hook job ({@code component} false) joins them without the component's names or fixed address, which are
     * its own container's.
     */
    void connectOthers(String id, DesiredContainer spec, boolean component) {
        List<ContainerOptions.NetworkAttachment> all = spec.options().networks();
        for (ContainerOptions.NetworkAttachment network : all.subList(Math.min(1, all.size()), all.size())) {
            List<String> aliases = new java.util.ArrayList<>(component ? List.of(spec.component()) : List.of());
            if (component) {
                aliases.addAll(network.aliases());
            }
            ContainerNetwork endpoint = new ContainerNetwork().withAliases(aliases);
            if (component && !network.ipv4Address().isEmpty()) {
                endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(network.ipv4Address()));
            }
            calls.call("connect " + spec.containerName() + " to " + network.network(), () -> docker.get().connectToNetworkCmd()
                    .withContainerId(id).withNetworkId(network.network()).withContainerNetwork(endpoint).exec());
        }
    }

    /** Removes the tenant's network when its labels say it is the tenant's; false when there is none, or it is not. */
    boolean remove(String name, String tenant) {
        Optional<Network> found = find(name);
        if (found.isEmpty() || whose(found.get(), tenant) != null) {
            return false;
        }
        try {
            calls.call("remove network " + name, () -> docker.get().removeNetworkCmd(found.get().getId()).exec());
            return true;
        } catch (DockerCalls.NotFound e) {
            return false;
        }
    }

    private Optional<Network> find(String name) {
        try {
            Network network = calls.call("inspect network " + name, () -> docker.get().inspectNetworkCmd().withNetworkId(name).exec());
            // An id or a prefix of one is matched too; a tenant's network is known by its name alone.
            return name.equals(network.getName()) ? Optional.of(network) : Optional.empty();
        } catch (DockerCalls.NotFound e) {
            return Optional.empty();
        }
    }

    private static void claim(Network network, String name, String tenant) {
        String whose = whose(network, tenant);
        if (whose != null) {
            throw new EngineException("network " + name + " is not tenant " + tenant + "'s (" + whose + "); Mooring neither"
                    + " joins nor removes it: see what uses it (docker network inspect " + name + "), then rename or remove it"
                    + " and the next pass makes the tenant's own");
        }
    }

    /** Why the network's labels do not make it the tenant's, or null when they do. */
    static String whose(Network network, String tenant) {
        Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
        String owner = labels.get(Labels.TENANT);
        if (owner == null || !Labels.TENANT_NETWORK.equals(labels.get(Labels.NETWORK))) {
            return "it carries no Mooring labels";
        }
        return owner.equals(tenant) ? null : "it belongs to tenant " + owner;
    }

    /** The network's labels of components.yml (none is io.mooring.*: refused when read) and Mooring's. */
    private static Map<String, String> labels(String tenant, Map<String, String> declared) {
        Map<String, String> labels = new java.util.TreeMap<>(declared);
        labels.put(Labels.TENANT, tenant);
        labels.put(Labels.NETWORK, Labels.TENANT_NETWORK);
        return labels;
    }

    private void create(String name, String tenant, boolean internal, Map<String, String> declared) {
        for (int attempt = 1; ; attempt++) {
            Optional<String> subnet = pool.map(p -> subnet(p, name));
            CreateNetworkCmd cmd = docker.get().createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                    .withInternal(internal)
                    .withLabels(labels(tenant, declared));
            subnet.ifPresent(s -> cmd.withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(s))));
            try {
                calls.call("create network " + name, cmd::exec);
                return;
            } catch (EngineException e) {
                String message = Objects.toString(e.getMessage(), "");
                Optional<Network> meanwhile = find(name);
                if (meanwhile.isPresent()) {
                    // Made meanwhile by another process: used only if it is the tenant's.
                    claim(meanwhile.get(), name, tenant);
                    return;
                }
                if (POOLS_USED_UP.stream().anyMatch(message::contains)) {
                    throw poolsUsedUp(name, e);
                }
                boolean overlap = message.toLowerCase(java.util.Locale.ROOT).contains("overlap");
                if (subnet.isPresent() && overlap && attempt == OVERLAP_ATTEMPTS) {
                    throw new EngineException("network " + name + ": the engine refused " + OVERLAP_ATTEMPTS + " subnets of networks.pool"
                            + " in a row as overlapping another network (last " + subnet.get() + ": " + message + "); something else"
                            + " is making networks in that range: give networks.pool a range of its own", e);
                }
                if (subnet.isEmpty() || !overlap) {
                    throw e;
                }
            }
        }
    }

    /** The first subnet of the agent's pool that no network of the engine overlaps, listed now. */
    private String subnet(SubnetPool pool, String name) {
        List<String> taken = calls.call("list networks", () -> docker.get().listNetworksCmd().exec()).stream()
                .filter(n -> n.getIpam() != null && n.getIpam().getConfig() != null)
                .flatMap(n -> n.getIpam().getConfig().stream()).map(Network.Ipam.Config::getSubnet).filter(Objects::nonNull).toList();
        return pool.firstFree(taken).orElseThrow(() -> new EngineException("network " + name + " cannot be made: every /" + pool.size()
                + " of the agent's networks.pool " + pool.cidr() + " (" + pool.capacity() + " subnets) overlaps a network the engine"
                + " has; widen networks.pool or remove networks that are no longer used"));
    }

    private static EngineException poolsUsedUp(String name, EngineException e) {
        return new EngineException("network " + name + " cannot be made: the engine's address pools are used up (Docker's defaults"
                + " hold about 31 bridge networks; the engine said: " + e.getMessage() + "); give dockerd more with"
                + " \"default-address-pools\" in /etc/docker/daemon.json, such as [{\"base\": \"10.200.0.0/14\", \"size\": 24}],"
                + " and restart it, or let Mooring carve tenant subnets from a range of its own with networks.pool in its"
                + " configuration", e);
    }
}
