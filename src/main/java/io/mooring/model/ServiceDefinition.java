package io.mooring.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A component as components.yml defines it, before the inventory's variables are filled in.
 *
 * @param roles     the host roles that run it (x-mooring.roles); empty: every host
 * @param skipIfSet variables that, when set (non-empty) for a host, mean a managed service replaces this
 *                  component there (x-mooring.skip_if_set), as postgres_host replaces postgresql
 * @param rollout   x-mooring probe, hooks and prune_volumes
 * @param keys      where each key of the definition is written, for errors about it
 * @param options   the other Compose keys ({@link ServiceOptions})
 */
public record ServiceDefinition(
        String name,
        Location location,
        Template image,
        List<Template> command,
        Map<String, Template> environment,
        List<Template> ports,
        List<Template> volumes,
        String restart,
        Map<String, Template> labels,
        List<Template> extraHosts,
        Health healthcheck,
        List<String> dependsOn,
        HostAccess access,
        Set<String> roles,
        List<String> skipIfSet,
        RolloutSettings rollout,
        Map<String, Location> keys,
        ServiceOptions options) {

    /**
     * The x-mooring rollout settings before the variables of hook and exec probe commands are filled in;
     * {@code probeCommand} is the exec probe's command (empty for other probes).
     */
    public record RolloutSettings(Probe probe, List<Template> probeCommand, List<HookTemplate> hooks, boolean pruneVolumes) {
        public static final RolloutSettings DEFAULT = new RolloutSettings(null, List.of(), List.of(), false);

        public RolloutSettings {
            probeCommand = List.copyOf(probeCommand);
            hooks = List.copyOf(hooks);
        }
    }

    /** A hook whose command still holds ${var}s. */
    public record HookTemplate(String name, Hook.Stage stage, List<Template> command, Duration timeout) {
        public HookTemplate {
            command = List.copyOf(command);
        }
    }

    /** A health check before its variables are filled in; durations are literal. */
    public record Health(List<Template> test, Duration interval, Duration timeout, Integer retries, Duration startPeriod,
                         Duration startInterval) {
        public Health {
            test = List.copyOf(test);
        }

        public Health(List<Template> test, Duration interval, Duration timeout, Integer retries, Duration startPeriod) {
            this(test, interval, timeout, retries, startPeriod, null);
        }
    }

    /** Without the other Compose keys. */
    public ServiceDefinition(String name, Location location, Template image, List<Template> command, Map<String, Template> environment,
                             List<Template> ports, List<Template> volumes, String restart, Map<String, Template> labels,
                             List<Template> extraHosts, Health healthcheck, List<String> dependsOn, HostAccess access, Set<String> roles,
                             List<String> skipIfSet, RolloutSettings rollout, Map<String, Location> keys) {
        this(name, location, image, command, environment, ports, volumes, restart, labels, extraHosts, healthcheck, dependsOn, access,
                roles, skipIfSet, rollout, keys, ServiceOptions.NONE);
    }

    public ServiceDefinition {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        labels = Map.copyOf(labels);
        extraHosts = List.copyOf(extraHosts);
        dependsOn = List.copyOf(dependsOn);
        roles = Set.copyOf(roles);
        skipIfSet = List.copyOf(skipIfSet);
        keys = Map.copyOf(keys);
        options = options == null ? ServiceOptions.NONE : options;
    }

    /** This definition with other Compose options. */
    public ServiceDefinition withOptions(ServiceOptions other) {
        return new ServiceDefinition(name, location, image, command, environment, ports, volumes, restart, labels, extraHosts, healthcheck,
                dependsOn, access, roles, skipIfSet, rollout, keys, other);
    }

    /** Where a key of this definition is written; the definition itself when the key is absent. */
    public Location at(String key) {
        return keys.getOrDefault(key, location);
    }

    /** The variable among skip_if_set that a managed service sets for this host, if any. */
    public java.util.Optional<String> managedBy(Map<String, String> vars) {
        return managedBy(vars::get);
    }

    /** The same, with each variable's value as {@code value} gives it (its Jinja filled in for the host). */
    public java.util.Optional<String> managedBy(java.util.function.Function<String, String> value) {
        return skipIfSet.stream().filter(v -> {
            String set = value.apply(v);
            return set != null && !set.isEmpty();
        }).findFirst();
    }

    /**
     * The services another waits for with {@code condition: service_completed_successfully}: each runs once and
     * exits, and what waits for it starts only once it exited with code 0.
     */
    public static java.util.Set<String> awaitedToComplete(java.util.Collection<ServiceDefinition> services) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (ServiceDefinition service : services) {
            service.options().conditions().forEach((dependency, condition) -> {
                if (COMPLETED.equals(condition)) {
                    names.add(dependency);
                }
            });
        }
        return names;
    }

    /** The depends_on condition of a service that runs once. */
    public static final String COMPLETED = "service_completed_successfully";

    /** The depends_on condition of a service with a health check that passes. */
    public static final String HEALTHY = "service_healthy";
}
