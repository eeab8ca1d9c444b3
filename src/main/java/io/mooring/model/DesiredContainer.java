package io.mooring.model;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One container exactly as it must run on this node; {@code specHash} identifies everything but the revision.
 * {@code healthcheck} is null when the image's own check applies.
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
        String specHash) {

    public DesiredContainer {
        command = List.copyOf(command);
        environment = new TreeMap<>(environment);
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        labels = new TreeMap<>(labels);
        extraHosts = List.copyOf(extraHosts);
        dependsOn = List.copyOf(dependsOn);
    }
}
