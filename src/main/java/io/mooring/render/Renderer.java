package io.mooring.render;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Host;
import io.mooring.model.ImageRef;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.PortMapping;
import io.mooring.model.Problem;
import io.mooring.model.Revision;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import io.mooring.model.TenantConfig;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/** Turns a tenant's config into what must run on one node: variables filled in, names given, hashes taken. */
public final class Renderer {
    private Renderer() {
    }

    /** Every problem of every component is gathered before failing, so one pass shows them all. */
    public static DesiredState render(TenantConfig config, String node, Revision revision) {
        Host host = config.inventory().host(node).orElseThrow(() -> new InvalidConfigException(
                Location.of(config.inventory().file()),
                "node '" + node + "' is not a host of tenant '" + config.tenant() + "'; its hosts are "
                        + config.inventory().hostMap().keySet()));
        List<DesiredContainer> containers = new ArrayList<>();
        List<Problem> problems = new ArrayList<>(unknownRoles(config, host));
        for (ServiceDefinition service : config.services()) {
            if (!service.runsOn(host)) {
                continue;
            }
            try {
                containers.add(container(config.tenant(), service, host.vars()));
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new DesiredState(config.tenant(), node, revision, containers);
    }

    /**
     * A host role that no component has is a typo until shown otherwise: rendering it would mean
     * nothing runs there, and every container of the tenant on that host would be removed.
     */
    private static List<Problem> unknownRoles(TenantConfig config, Host host) {
        Set<String> known = new TreeSet<>();
        config.services().forEach(s -> known.addAll(s.roles()));
        List<String> unknown = host.roles().stream().filter(r -> !known.contains(r)).toList();
        if (unknown.isEmpty()) {
            return List.of();
        }
        return List.of(new Problem(Location.of(config.inventory().file()), "host " + host.name() + ": role(s) " + unknown
                + " match no component; the components' roles are " + known));
    }

    private static DesiredContainer container(String tenant, ServiceDefinition service, Map<String, String> vars) {
        List<Problem> problems = new ArrayList<>();
        ImageRef image = attempt(problems, () -> parse(service.image(), vars, ImageRef::parse));
        List<String> command = service.command().stream().map(t -> attempt(problems, () -> t.expand(vars))).toList();
        TreeMap<String, String> environment = new TreeMap<>();
        service.environment().forEach((name, value) -> environment.put(name, attempt(problems, () -> value.expand(vars))));
        List<PortMapping> ports = service.ports().stream()
                .map(t -> attempt(problems, () -> parse(t, vars, PortMapping::parse))).toList();
        List<VolumeMount> volumes = service.volumes().stream()
                .map(t -> attempt(problems, () -> owned(tenant, parse(t, vars, VolumeMount::parse)))).toList();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        String hash = SpecHash.of(image.reference(), command, environment,
                ports.stream().map(PortMapping::toString).toList(),
                volumes.stream().map(VolumeMount::toString).toList(), service.restart());
        return new DesiredContainer(tenant, service.name(), tenant + "-" + service.name(), image, command,
                environment, ports, volumes, service.restart(), hash);
    }

    /** The value, or null with its problems noted, so that every field of a component is checked in one pass. */
    private static <T> T attempt(List<Problem> problems, Supplier<T> value) {
        try {
            return value.get();
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /** A named volume belongs to its tenant: {@code data} in tenant {@code acme} is the volume {@code acme_data}. */
    private static VolumeMount owned(String tenant, VolumeMount mount) {
        if (mount.kind() != VolumeMount.Kind.NAMED) {
            return mount;
        }
        return new VolumeMount(VolumeMount.Kind.NAMED, tenant + "_" + mount.source(), mount.target(), mount.readOnly());
    }

    private static <T> T parse(Template template, Map<String, String> vars, Function<String, T> parser) {
        String text = template.expand(vars);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(template.location(), e.getMessage());
        }
    }
}
