package io.mooring.model;

import java.util.List;
import java.util.SortedMap;

/**
 * A component of a tenant that runs on Docker Swarm ({@code mooring_engine: swarm} in its inventory), as one Swarm
 * service: what the tenant's files ask for, filled in, before the engine is asked anything. Its name is the
 * component's container name on a single host ({@code <tenant>-<component>}), its labels Mooring's as a container's
 * are (tenant, component, revision, spec hash, digest), and its spec hash covers everything here but the revision.
 *
 * @param image       the image as written; the engine is given it pinned to the digest the plan resolved
 * @param command     the container's command (empty: the image's)
 * @param ports       published ports, in Swarm's ingress mode unless {@code host}-mode was asked
 * @param volumes     named volumes (local to the node a task runs on), named as the engine names them, as on a single
 *                    host ({@code data} of {@code acme} is {@code acme_data}); and read-only binds the tenant's files allow
 * @param replicas    how many tasks run ({@code deploy.replicas}, default 1)
 * @param constraints placement constraints as Swarm writes them ({@code node.labels.mooring.role==web}), from the
 *                    inventory's roles and {@code deploy.placement.constraints}
 * @param files       the service's secrets and configs, each a Swarm secret or config named with its content's hash
 * @param networks    the overlay networks it joins, the tenant's own first
 * @param specFields  each field of the spec hashed alone, so that a plan says which changed
 */
public record DesiredService(
        String tenant,
        String component,
        String serviceName,
        ImageRef image,
        List<String> command,
        SortedMap<String, String> environment,
        List<PortMapping> ports,
        List<VolumeMount> volumes,
        HealthCheck healthcheck,
        int replicas,
        List<String> constraints,
        SwarmUpdate update,
        SwarmRestart restart,
        SwarmResources resources,
        List<SwarmFile> files,
        List<String> networks,
        SortedMap<String, String> specFields,
        String specHash) {

    public DesiredService {
        command = List.copyOf(command);
        environment = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(environment));
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        constraints = List.copyOf(constraints);
        files = List.copyOf(files);
        networks = List.copyOf(networks);
        specFields = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(specFields));
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be 0 or more, not " + replicas);
        }
    }
}
