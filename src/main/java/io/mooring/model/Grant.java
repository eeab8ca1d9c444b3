package io.mooring.model;

import java.util.List;
import java.util.Set;

/**
 * What the agent's configuration grants one tenant, or every container of one image repository, beyond
 * the global guardrails. A grant is given to whoever runs the agent's choice of tenant or image, never to
 * a component's name, which any commit can choose.
 *
 * @param privileged   allow {@code privileged: true}
 * @param hostNetwork  allow {@code network_mode: host}
 * @param capabilities capabilities that may be added beyond Docker's default set
 * @param bindMounts   host folders under which bind mounts are allowed; {@code {tenant}} is the tenant's name
 * @param devices      host devices (or folders of devices, such as /dev/snd) that may be given to containers
 */
public record Grant(boolean privileged, boolean hostNetwork, Set<String> capabilities, List<String> bindMounts, Set<String> devices) {
    public static final Grant NONE = new Grant(false, false, Set.of(), List.of());

    public Grant {
        capabilities = Set.copyOf(capabilities.stream().map(Guardrails::capability).toList());
        bindMounts = List.copyOf(bindMounts);
        devices = Set.copyOf(devices);
    }

    /** Without devices. */
    public Grant(boolean privileged, boolean hostNetwork, Set<String> capabilities, List<String> bindMounts) {
        this(privileged, hostNetwork, capabilities, bindMounts, Set.of());
    }

    public static Grant hostNetworkOnly() {
        return new Grant(false, true, Set.of(), List.of());
    }
}
