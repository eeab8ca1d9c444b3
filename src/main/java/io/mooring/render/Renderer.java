package io.mooring.render;

import io.mooring.model.ComposeResources;
import io.mooring.model.ContainerOptions;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.HealthCheck;
import io.mooring.model.Host;
import io.mooring.model.ImageRef;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.PortMapping;
import io.mooring.model.Problem;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.Template;
import io.mooring.model.TenantConfig;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns a tenant's config into what must run on one node: roles placed ({@link Placement}), variables filled
 * in ({@link HostVariables}: the inventory's, their Jinja evaluated, and Mooring's own), guardrails checked,
 * names given, hashes taken.
 */
public final class Renderer {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern EXTRA_HOST = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]{0,252}):(host-gateway|[0-9.]{7,15}|\\[?[0-9a-fA-F:.]{2,45}]?)");

    private Renderer() {
    }

    public static DesiredState render(TenantConfig config, String node, Revision revision) {
        return render(config, node, revision, Guardrails.defaults());
    }

    /** Every problem of every component is gathered before failing, so one pass shows them all. */
    public static DesiredState render(TenantConfig config, String node, Revision revision, Guardrails guardrails) {
        Host host = config.inventory().host(node).orElseThrow(() -> new InvalidConfigException(
                Location.of(config.inventory().file()),
                "node '" + node + "' is not a host of tenant '" + config.tenant() + "'; its hosts are "
                        + config.inventory().hostMap().keySet()));
        InventoryVars values = new InventoryVars(config.inventory());
        Placement placement = Placement.of(config, values);
        List<Problem> problems = new ArrayList<>(placement.problems());
        DesiredState state = render(config, placement, values, host, revision, guardrails, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(NeededBy.merge(problems));
        }
        return state;
    }

    /**
     * The host with the named variables' Jinja filled in, for what reads them outside a render (backups); the
     * other variables are left as written. A problem in one is an error at its line.
     */
    public static Host withValues(io.mooring.model.Inventory inventory, Host host, java.util.Collection<String> names) {
        InventoryVars values = new InventoryVars(inventory);
        Map<String, String> vars = new java.util.HashMap<>(host.vars());
        for (String name : names) {
            if (vars.containsKey(name)) {
                vars.put(name, values.value(host, name));
            }
        }
        return new Host(host.name(), vars, host.roles(), host.groups(), host.origins());
    }

    /** What every host of the tenant must run, by host name; every problem of every host is gathered first. */
    public static Map<String, DesiredState> renderAll(TenantConfig config, Revision revision, Guardrails guardrails) {
        // One filling-in for every host: a value another host's refers to is filled in once, not once per host.
        InventoryVars values = new InventoryVars(config.inventory());
        Placement placement = Placement.of(config, values);
        Set<Problem> problems = new LinkedHashSet<>(placement.problems());
        Map<String, DesiredState> states = new LinkedHashMap<>();
        for (Host host : config.inventory().hostMap().values()) {
            List<Problem> found = new ArrayList<>();
            DesiredState state = render(config, placement, values, host, revision, guardrails, found);
            problems.addAll(found);
            states.put(host.name(), state);
            if (values.exhausted()) {
                // Every further host would be refused for the same lookups; the problem is already recorded.
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(NeededBy.merge(new ArrayList<>(problems)));
        }
        return states;
    }

    private static DesiredState render(TenantConfig config, Placement placement, InventoryVars values, Host host,
                                       Revision revision, Guardrails guardrails, List<Problem> problems) {
        HostVariables vars = new HostVariables(config, placement, values, host);
        List<DesiredContainer> containers = new ArrayList<>();
        Set<String> runOnce = ServiceDefinition.awaitedToComplete(config.services());
        for (ServiceDefinition service : placement.componentsOn(host.name())) {
            if (values.exhausted()) {
                break; // refused already: every further value would be refused the same way
            }
            try {
                if (Profiles.active(service, vars.forComponent(service.name()))) {
                    containers.add(container(config.tenant(), service, vars.forComponent(service.name()), guardrails, config.resources(),
                            runOnce.contains(service.name())));
                }
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(Profiles.check(placement.componentsOn(host.name()), containers));
        problems.addAll(RunOncePlacement.check(host.name(), placement.componentsOn(host.name()), containers));
        return new DesiredState(config.tenant(), host.name(), revision, containers);
    }

    static DesiredContainer container(String tenant, ServiceDefinition service, Map<String, String> vars,
                                              Guardrails guardrails, ComposeResources resources, boolean runOnce) {
        List<Problem> problems = new ArrayList<>();
        ImageRef image = attempt(problems, () -> image(service, vars));
        List<String> command = service.command().stream().map(t -> attempt(problems, () -> t.expand(vars))).toList();
        TreeMap<String, String> environment = expandAll(service.environment(), vars, problems);
        TreeMap<String, String> labels = expandAll(service.labels(), vars, problems);
        List<PortMapping> ports = service.ports().stream().flatMap(t -> {
            List<PortMapping> some = attempt(problems, () -> parse(service.name(), t, vars, PortMapping::parseAll));
            return some == null ? java.util.stream.Stream.of((PortMapping) null) : some.stream();
        }).toList();
        TreeMap<String, ComposeResources.VolumeSpec> declared = new TreeMap<>();
        List<VolumeMount> volumes = service.volumes().stream()
                .map(t -> attempt(problems, () -> mount(tenant, service.name(), t, vars, guardrails, resources, declared))).toList();
        ContainerOptions options = new OptionsRenderer(tenant, service, vars, problems).render(resources).withVolumes(declared);
        problems.addAll(FileTargets.check(service, volumes, options));
        options = FileTargets.withCerts(service, volumes, options, problems);
        List<String> extraHosts = service.extraHosts().stream().map(t -> attempt(problems, () -> extraHost(t, vars))).toList();
        List<String> healthTest = service.healthcheck() == null ? List.of()
                : service.healthcheck().test().stream().map(t -> attempt(problems, () -> t.expand(vars))).toList();
        for (Guardrails.Violation violation : image == null ? List.<Guardrails.Violation>of()
                : guardrails.check(tenant, service.name(), image, service.access())) {
            problems.add(new Problem(service.at(violation.key()), "services." + service.name() + ": " + violation.message()));
        }
        for (Guardrails.Violation violation : guardrails.checkOptions(tenant, image, options.list("security_opt"), options.map("sysctls"),
                options.map("ulimits").keySet(), service.access())) {
            problems.add(new Problem(service.at(violation.key()), "services." + service.name() + ": " + violation.message()));
        }
        if (service.access().hostNetwork() && !ports.isEmpty()) {
            problems.add(new Problem(service.at("ports"), "services." + service.name()
                    + ": ports cannot be published with network_mode: host; the container uses the host's ports directly"));
        }
        Rollout rollout = Rollouts.render(service, vars, problems, runOnce);
        // One that runs once is not restarted by the engine: the reader refused any other restart written for it.
        String restart = runOnce ? "no" : service.restart();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        HealthCheck health = service.healthcheck() == null ? null : new HealthCheck(healthTest,
                service.healthcheck().interval(), service.healthcheck().timeout(), service.healthcheck().retries(),
                service.healthcheck().startPeriod(), service.healthcheck().startInterval());
        TreeMap<String, Object> spec = new TreeMap<>();
        spec.put("image", image.reference());
        spec.put("command", command);
        spec.put("environment", environment);
        spec.put("ports", ports.stream().map(PortMapping::toString).toList());
        spec.put("volumes", volumes.stream().map(VolumeMount::toString).toList());
        spec.put("restart", restart);
        // Added only when used, so that containers rendered before these fields existed keep their hash.
        putIfAny(spec, "labels", labels.isEmpty() ? null : labels);
        putIfAny(spec, "extra_hosts", extraHosts.isEmpty() ? null : extraHosts);
        putIfAny(spec, "healthcheck", health == null ? null : SpecHash.describe(health));
        putIfAny(spec, "access", service.access().none() ? null : SpecHash.describe(service.access()));
        spec.putAll(SpecHash.describe(options));
        return new DesiredContainer(tenant, service.name(), tenant + "-" + service.name(), image, command,
                environment, ports, volumes, restart, labels, extraHosts, health, service.access(),
                service.dependsOn(), rollout, SpecHash.fields(spec), SpecHash.of(spec), options);
    }

    private static void putIfAny(Map<String, Object> spec, String key, Object value) {
        if (value != null) {
            spec.put(key, value);
        }
    }

    private static TreeMap<String, String> expandAll(Map<String, Template> templates, Map<String, String> vars, List<Problem> problems) {
        TreeMap<String, String> out = new TreeMap<>();
        templates.forEach((name, value) -> out.put(name, attempt(problems, () -> named(name, value, vars))));
        return out;
    }

    /** A value too long once filled in is refused naming its key, which the line alone may not show (an env file's). */
    private static String named(String name, Template value, Map<String, String> vars) {
        try {
            return value.expand(vars);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(e.problems().stream().map(p -> p.message().startsWith(Template.TOO_LONG)
                    ? new Problem(p.location(), name + ": " + p.message()) : p).toList());
        }
    }

    /** A bad tag variable is refused where the inventory sets it; what is left wrong is the image line's. */
    private static ImageRef image(ServiceDefinition service, Map<String, String> vars) {
        try {
            return ImageRef.parse(service.image().expand(vars));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(service.image().location(), "services." + service.name() + ".image: " + e.getMessage()
                    + emptyVariables(service.name(), service.image(), vars));
        }
    }

    /**
     * A bind mount is under the guardrails (a named volume binding a host folder is refused where it is declared). A named
     * volume is the one declared under its key, the same for the check and for making it ({@code declared}, by the
     * engine's name); when the file declares volumes, another is refused, as a literal one is by ReferenceCheck.
     */
    private static VolumeMount mount(String tenant, String component, Template template, Map<String, String> vars, Guardrails guardrails,
                                     ComposeResources resources, Map<String, ComposeResources.VolumeSpec> declared) {
        VolumeMount mount = parse(component, template, vars, VolumeMount::parse);
        ComposeResources.VolumeSpec spec = mount.kind() == VolumeMount.Kind.NAMED ? resources.volumes().get(mount.source()) : null;
        if (mount.kind() == VolumeMount.Kind.NAMED && spec == null && !resources.volumes().isEmpty()) {
            throw new InvalidConfigException(template.location(), "services." + component + ".volumes: no volume " + shorten(mount.source())
                    + " is declared in the top-level volumes; they are " + new java.util.TreeSet<>(resources.volumes().keySet()));
        }
        String hostPath = mount.kind() == VolumeMount.Kind.BIND ? mount.source() : null;
        String problem = hostPath == null ? null : guardrails.checkBind(tenant, hostPath);
        if (problem != null) {
            throw new InvalidConfigException(template.location(), problem);
        }
        VolumeMount owned = owned(tenant, mount, spec);
        if (spec != null) {
            declared.put(owned.source(), spec);
        }
        return owned;
    }

    private static String extraHost(Template template, Map<String, String> vars) {
        String text = template.expand(vars);
        if (!EXTRA_HOST.matcher(text).matches()) {
            throw new InvalidConfigException(template.location(), "extra_hosts entry '" + shorten(text)
                    + "' must be name:address, such as db.internal:10.0.0.5 or gateway:host-gateway");
        }
        return text;
    }

    /** The value, or null with its problems noted, so that every field of a component is checked in one pass. */
    static <T> T attempt(List<Problem> problems, Supplier<T> value) {
        try {
            return value.get();
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /**
     * A named volume belongs to its tenant: {@code data} in tenant {@code acme} is the volume {@code acme_data}, and one
     * declared with {@code name: gitea} is {@code acme_gitea}.
     */
    private static VolumeMount owned(String tenant, VolumeMount mount, ComposeResources.VolumeSpec declared) {
        if (mount.kind() != VolumeMount.Kind.NAMED) {
            return mount;
        }
        String name = declared == null ? mount.source() : declared.name();
        return new VolumeMount(VolumeMount.Kind.NAMED, ComposeResources.volumeName(tenant, name), mount.target(), mount.readOnly());
    }

    private static <T> T parse(String component, Template template, Map<String, String> vars, Function<String, T> parser) {
        String text = template.expand(vars);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(template.location(), e.getMessage() + emptyVariables(component, template, vars));
        }
    }

    /** The variables of a template that are set but empty (null in the inventory), which a field cannot do without. */
    private static String emptyVariables(String component, Template template, Map<String, String> vars) {
        java.util.regex.Matcher names = VARIABLE.matcher(template.text());
        List<String> empty = new ArrayList<>();
        while (names.find()) {
            if ("".equals(vars.get(names.group(1)))) {
                empty.add(names.group(1));
            }
        }
        return empty.isEmpty() ? "" : "; " + String.join(", ", empty) + (empty.size() == 1 ? " is" : " are")
                + " empty (null) in the inventory, and component " + component + " needs a value here";
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
