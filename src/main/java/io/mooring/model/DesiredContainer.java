package io.mooring.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One container exactly as it must run on this node; {@code specHash} identifies everything but the revision.
 * {@code healthcheck} is null when the image's own check applies; {@code rollout} is not part of the hash:
 * a new hook or probe changes how the next rollout goes, not what runs. {@code specFields} hashes each field
 * of the spec (each environment variable apart), so that a plan can say which field changed without showing values.
 */
public record DesiredContainer(
        String tenant,
        String component,
        String containerName,
        ImageRef image,
        List<String> command,
        SortedMap<String, String> environment,
        List<PortMapping> ports,
        List<VolumeMount> volumes,
        String restart,
        SortedMap<String, String> labels,
        List<String> extraHosts,
        HealthCheck healthcheck,
        HostAccess access,
        List<String> dependsOn,
        Rollout rollout,
        SortedMap<String, String> specFields,
        String specHash,
        ContainerOptions options) {

    public DesiredContainer {
        command = List.copyOf(command);
        environment = new TreeMap<>(environment);
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        labels = new TreeMap<>(labels);
        extraHosts = List.copyOf(extraHosts);
        dependsOn = List.copyOf(dependsOn);
        specFields = new TreeMap<>(specFields);
        options = options == null ? ContainerOptions.NONE : options;
    }

    /** Without Compose options beyond the fields above. */
    public DesiredContainer(String tenant, String component, String containerName, ImageRef image, List<String> command,
                            SortedMap<String, String> environment, List<PortMapping> ports, List<VolumeMount> volumes, String restart,
                            SortedMap<String, String> labels, List<String> extraHosts, HealthCheck healthcheck, HostAccess access,
                            List<String> dependsOn, Rollout rollout, SortedMap<String, String> specFields, String specHash) {
        this(tenant, component, containerName, image, command, environment, ports, volumes, restart, labels, extraHosts, healthcheck,
                access, dependsOn, rollout, specFields, specHash, ContainerOptions.NONE);
    }

    /** The name of the container a hook of this component runs in: {@code <container>-hook-<hook>}. */
    public String jobName(Hook hook) {
        return containerName + "-hook-" + hook.name();
    }

    /**
     * The first network this container joins: the first of its {@code networks}, else its tenant's ({@link TenantNetwork});
     * empty with {@code network_mode: host} or {@code none}.
     */
    public String network() {
        if (!TenantNetwork.joins(access)) {
            return "";
        }
        return options.networks().isEmpty() ? TenantNetwork.name(tenant) : options.networks().get(0).network();
    }
}
