package io.mooring.render;

import io.mooring.model.ComposeResources;
import io.mooring.model.ContainerOptions;
import io.mooring.model.DesiredContainer;
import io.mooring.model.HostAccess;
import io.mooring.model.PortMapping;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a component of a Swarm tenant asks that Mooring does not give a Swarm service, each refused naming the component
 * and the field: what a Swarm service cannot do (privileged mode, devices, the host's PID or IPC namespace or network, a
 * host folder, which is each node's own, a port on one address), and what Mooring does not carry to a service yet
 * ({@link io.mooring.model.DesiredService} has no field for it: an entrypoint, a user, labels, hooks, ...), rather than
 * dropped without a word.
 */
final class SwarmChecks {
    private static final String NOT_YET = " is not carried to a Swarm service by Mooring yet; remove it, or run the tenant on"
            + " single hosts (mooring_engine: docker)";
    /** The options a service carries: its resources (the others of {@link ContainerOptions} are refused). */
    private static final Set<String> CARRIED_NUMBERS = Set.of("nano_cpus", "mem_limit", "mem_reservation", "pids_limit");

    private SwarmChecks() {
    }

    static List<Problem> check(ServiceDefinition service, DesiredContainer container, ComposeResources resources) {
        List<Problem> problems = new ArrayList<>();
        String where = "services." + service.name() + ".";
        access(service, container.access(), where, problems);
        for (PortMapping port : container.ports()) {
            if (!PortMapping.everyAddress(port.hostIp())) {
                problems.add(new Problem(service.at("ports"), where + "ports: " + port + ": a Swarm service publishes a port on every"
                        + " address of its nodes; remove the address " + port.hostIp()));
            }
        }
        for (VolumeMount volume : container.volumes()) {
            String key = volume.source() == null || !volume.source().startsWith(container.tenant() + "_") ? ""
                    : volume.source().substring(container.tenant().length() + 1);
            if (volume.kind() == VolumeMount.Kind.NAMED && key.contains("_")) {
                // <tenant>_<key> must name one tenant's volume: a Swarm node has no owner check to fall back on.
                problems.add(new Problem(service.at("volumes"), where + "volumes: " + key + ": a Swarm tenant's volume name may not hold"
                        + " '_' (on a node, " + volume.source() + " could be another tenant's volume); use '-' instead"));
            }
            if (volume.kind() == VolumeMount.Kind.BIND) {
                problems.add(new Problem(service.at("volumes"), where + "volumes: the host folder " + volume.source() + " is each node's"
                        + " own, and a task may run on any node; use a named volume, or a config or secret for files"));
            }
        }
        container.options().volumes().forEach((name, spec) -> {
            if (!spec.external() && (!spec.driver().isEmpty() && !spec.driver().equals("local") || !spec.driverOptions().isEmpty())) {
                problems.add(new Problem(spec.location(), "volumes." + name + ": a driver or driver_opts" + NOT_YET));
            }
        });
        for (ContainerOptions.NetworkAttachment network : container.options().networks()) {
            if (!network.key().equals(ComposeResources.DEFAULT_NETWORK)) {
                problems.add(new Problem(service.at("networks"), where + "networks." + network.key() + ": a Swarm service joins the"
                        + " tenant's own network only, for now; remove the others"));
            }
            if (!network.aliases().isEmpty() || !network.ipv4Address().isEmpty()) {
                problems.add(new Problem(service.at("networks"), where + "networks." + network.key() + ": "
                        + (network.ipv4Address().isEmpty() ? "aliases" + NOT_YET : "a fixed address is not given to a Swarm service's"
                        + " tasks; remove ipv4_address")));
            }
        }
        if (!container.labels().isEmpty()) {
            problems.add(new Problem(service.at("labels"), where + "labels" + NOT_YET));
        }
        if (!container.extraHosts().isEmpty()) {
            problems.add(new Problem(service.at("extra_hosts"), where + "extra_hosts" + NOT_YET));
        }
        ServiceDefinition.RolloutSettings rollout = service.rollout();
        if (rollout.probe() != null || !rollout.hooks().isEmpty() || rollout.pruneVolumes()) {
            problems.add(new Problem(service.at("x-mooring"), where + "x-mooring: hooks, probe and prune_volumes are not run for a Swarm"
                    + " service yet (Swarm's update follows the health check); remove them, or run the tenant on single hosts"));
        }
        options(service, container.options(), where, problems);
        return problems;
    }

    private static void access(ServiceDefinition service, HostAccess access, String where, List<Problem> problems) {
        if (access.privileged()) {
            problems.add(new Problem(service.at("privileged"), where + "privileged: a Swarm service cannot run privileged; remove it"));
        }
        if (!access.pid().isEmpty() || !access.ipc().isEmpty()) {
            String key = access.pid().isEmpty() ? "ipc" : "pid";
            problems.add(new Problem(service.at(key), where + key + ": a Swarm service cannot share the host's namespaces; remove it"));
        }
        if (!access.devices().isEmpty()) {
            problems.add(new Problem(service.at("devices"), where + "devices: a Swarm service cannot be given host devices; remove"
                    + " them, or run the tenant on single hosts (mooring_engine: docker)"));
        }
        if (!access.capAdd().isEmpty()) {
            problems.add(new Problem(service.at("cap_add"), where + "cap_add" + NOT_YET));
        }
        if (!access.networkMode().isEmpty() && !access.networkMode().equals("bridge")) {
            problems.add(new Problem(service.at("network_mode"), where + "network_mode: " + access.networkMode() + ": a Swarm service's"
                    + " tasks join the tenant's overlay network; remove network_mode"));
        }
    }

    /** Each Compose option set that a service does not carry, named as components.yml writes it. */
    private static void options(ServiceDefinition service, ContainerOptions options, String where, List<Problem> problems) {
        List<String> refused = new ArrayList<>();
        if (options.entrypoint() != null) {
            refused.add("entrypoint");
        }
        refused.addAll(options.text().keySet());
        options.numbers().keySet().stream().filter(k -> !CARRIED_NUMBERS.contains(k)).forEach(refused::add);
        refused.addAll(options.flags().keySet());
        refused.addAll(options.lists().keySet());
        refused.addAll(options.maps().keySet());
        for (String key : refused) {
            String written = key.startsWith("logging.") ? "logging" : key;
            problems.add(new Problem(service.at(written), where + key + (key.equals(ServiceOptions.CERTS)
                    ? ": the tenant's certificate is not given to a Swarm service yet; remove it" : NOT_YET)));
        }
    }
}
