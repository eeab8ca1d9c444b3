package io.mooring.render;

import io.mooring.model.ComposeUnits;
import io.mooring.model.ContainerOptions;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredService;
import io.mooring.model.Guardrails;
import io.mooring.model.Host;
import io.mooring.model.Inventory;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Problem;
import io.mooring.model.Revision;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.SwarmFile;
import io.mooring.model.SwarmResources;
import io.mooring.model.SwarmRestart;
import io.mooring.model.SwarmUpdate;
import io.mooring.model.Template;
import io.mooring.model.TenantConfig;
import io.mooring.model.TenantNetwork;
import io.mooring.model.VarRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A Swarm tenant's ({@code mooring_engine: swarm}) components as Swarm services, one each whichever hosts run it: each
 * component rendered as a single host renders its container ({@link Renderer}), on every host the inventory places it,
 * which must all agree (a service gives its tasks one spec); then what a service cannot do is refused ({@link SwarmChecks}),
 * its {@code deploy} keys read ({@link SwarmDeploy}), its roles turned into placement constraints
 * ({@code node.labels.mooring.role==<role>}), its secrets and configs named by their content ({@link #fileName}), and its
 * spec hashed field by field. {@code depends_on} orders nothing on Swarm: a task starts when its node has it.
 */
public final class SwarmServices {
    /** The node label a Swarm tenant's roles place its services by. */
    public static final String ROLE_LABEL = "node.labels.mooring.role";
    /** Swarm's longest name of a secret or config. */
    static final int MAX_FILE_NAME = 64;
    private static final int MAX_SERVICE_NAME = 63;

    private SwarmServices() {
    }

    /** Whether the tenant runs on Docker Swarm: {@code mooring_engine: swarm} in its inventory (all.vars). */
    public static boolean swarm(Inventory inventory) {
        InventoryVars values = new InventoryVars(inventory);
        return inventory.hostMap().values().stream().anyMatch(h -> swarm(name -> values.value(h, name)));
    }

    /** The same, from a component's variables as a render fills them in. */
    static boolean swarm(Map<String, String> vars) {
        return swarm(vars::get);
    }

    private static boolean swarm(Function<String, String> value) {
        try {
            return VarRules.SWARM.equals(value.apply(VarRules.ENGINE));
        } catch (InvalidConfigException e) {
            return false; // refused where the variable is checked
        }
    }

    /**
     * Every component of the tenant as a Swarm service, in definition order; one placed on no host is not run. The
     * revision is not part of a service's spec (the engine labels the service with it). Every problem of every component
     * is gathered before failing, as {@link Renderer#renderAll} does.
     */
    public static List<DesiredService> render(TenantConfig config, Revision revision, Guardrails guardrails) {
        Objects.requireNonNull(revision, "revision");
        InventoryVars values = new InventoryVars(config.inventory());
        Placement placement = Placement.of(config, values);
        Set<Problem> problems = new LinkedHashSet<>(placement.problems());
        problems.addAll(oneEngine(config.inventory(), values));
        Set<String> runOnce = ServiceDefinition.awaitedToComplete(config.services());
        List<DesiredService> services = new ArrayList<>();
        for (ServiceDefinition service : config.services()) {
            if (values.exhausted()) {
                break; // refused already: every further value would be refused the same way
            }
            List<Problem> found = new ArrayList<>();
            Rendered rendered = container(config, placement, values, service, guardrails, runOnce.contains(service.name()), found);
            DesiredService built = rendered == null || !found.isEmpty() ? null : service(config, service, rendered, found);
            problems.addAll(found);
            if (built != null && found.isEmpty()) {
                services.add(built);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(NeededBy.merge(new ArrayList<>(problems)));
        }
        return List.copyOf(services);
    }

    /** A component's container as the first host that runs it renders it; null when no host runs it, or with problems. */
    private static Rendered container(TenantConfig config, Placement placement, InventoryVars values, ServiceDefinition service,
                                      Guardrails guardrails, boolean runOnce, List<Problem> problems) {
        Rendered first = null;
        for (Host host : placement.hostsOf(service.name())) {
            Map<String, String> vars = new HostVariables(config, placement, values, host).forComponent(service.name());
            DesiredContainer container;
            try {
                if (!Profiles.active(service, vars)) {
                    continue;
                }
                container = Renderer.container(config.tenant(), service, vars, guardrails, config.resources(), runOnce);
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
                return null;
            }
            if (first == null) {
                first = new Rendered(host, vars, container);
            } else if (!first.container().specHash().equals(container.specHash())) {
                problems.add(differs(service, first, host, container));
                return null;
            }
        }
        if (first != null && runOnce) {
            problems.add(new Problem(service.location(), "services." + service.name() + ": another service waits for it to complete"
                    + " (depends_on condition: service_completed_successfully), and a Swarm service runs on; one that runs once is not"
                    + " supported on Swarm yet: make it a long-running service, or run the tenant on single hosts"));
        }
        return first;
    }

    private static Problem differs(ServiceDefinition service, Rendered first, Host other, DesiredContainer container) {
        Set<String> fields = new TreeSet<>(first.container().specFields().keySet());
        fields.addAll(container.specFields().keySet());
        fields.removeIf(f -> Objects.equals(first.container().specFields().get(f), container.specFields().get(f)));
        return new Problem(service.location(), "services." + service.name() + " is not the same on hosts " + first.host().name()
                + " and " + other.name() + " (" + String.join(", ", fields) + "): a Swarm service gives all its tasks one spec;"
                + " make the values it uses the same for every host (in all.vars), or run the tenant on single hosts");
    }

    private static DesiredService service(TenantConfig config, ServiceDefinition service, Rendered rendered, List<Problem> problems) {
        DesiredContainer c = rendered.container();
        problems.addAll(SwarmChecks.check(service, c, config.resources()));
        if (c.containerName().length() > MAX_SERVICE_NAME) {
            problems.add(new Problem(service.location(), "services." + service.name() + ": the service's name " + c.containerName()
                    + " is longer than Swarm's " + MAX_SERVICE_NAME + " characters; shorten the component's name"));
        }
        SwarmDeploy deploy = new SwarmDeploy(service, rendered.vars(), problems);
        List<String> constraints = new ArrayList<>(roles(service, problems));
        constraints.addAll(deploy.constraints());
        int replicas = deploy.replicas();
        SwarmUpdate update = deploy.update(c.healthcheck());
        SwarmRestart restart = deploy.restart();
        if (!problems.isEmpty()) {
            return null;
        }
        SwarmResources resources = resources(service, c.options(), rendered.vars());
        List<SwarmFile> files = c.options().files().stream().map(f -> file(config.tenant(), f)).toList();
        List<String> networks = new ArrayList<>(List.of(TenantNetwork.name(config.tenant())));
        c.options().networks().stream().map(ContainerOptions.NetworkAttachment::network).filter(n -> !networks.contains(n))
                .forEach(networks::add);
        TreeMap<String, Object> spec = SwarmSpec.describe(c, replicas, constraints, update, restart, resources, files, networks);
        return new DesiredService(config.tenant(), service.name(), c.containerName(), c.image(), c.command(), c.environment(),
                c.ports(), c.volumes(), c.healthcheck(), replicas, constraints, update, restart, resources, files, networks,
                SpecHash.fields(spec), SpecHash.of(spec));
    }

    /** A component's roles as a placement constraint: Swarm's constraints must all hold, so a service is placed by one role. */
    private static List<String> roles(ServiceDefinition service, List<Problem> problems) {
        List<String> roles = new ArrayList<>(new TreeSet<>(service.roles()));
        if (roles.size() > 1) {
            problems.add(new Problem(service.at("x-mooring"), "services." + service.name() + ".x-mooring.roles " + roles + ": a Swarm"
                    + " service is placed by one role (" + ROLE_LABEL + "==<role>; Swarm's constraints must all hold); keep one role,"
                    + " or place it with deploy.placement.constraints"));
            return List.of();
        }
        return roles.stream().map(r -> ROLE_LABEL + "==" + r).toList();
    }

    private static SwarmResources resources(ServiceDefinition service, ContainerOptions options, Map<String, String> vars) {
        Template reservation = service.options().value("cpu_reservation");
        long reservedCpus = 0;
        if (reservation != null) {
            // Checked, where it is written, as the container was rendered.
            reservedCpus = ComposeUnits.nanoCpus(reservation.expand(vars));
        }
        long pids = options.numbers().getOrDefault("pids_limit", 0L);
        return new SwarmResources(options.numbers().getOrDefault("nano_cpus", 0L), options.numbers().getOrDefault("mem_limit", 0L),
                Math.max(pids, 0), reservedCpus, options.numbers().getOrDefault("mem_reservation", 0L));
    }

    private static SwarmFile file(String tenant, ContainerOptions.FileMount mount) {
        return new SwarmFile(mount.secret(), mount.name(), fileName(tenant, mount.name(), mount.source().digest()), mount.target(),
                mount.mode(), String.valueOf(mount.uid()), String.valueOf(mount.gid()), mount.source().content());
    }

    /**
     * A secret's or config's name in the swarm: {@code <tenant>-<key>-<first 12 hex of its content's SHA-256>}, at most
     * {@value #MAX_FILE_NAME} characters (the tenant's and the key's parts shortened, the hash kept), of the characters
     * Swarm allows: new content is a new name, and one content under one key is one object however many services mount it.
     */
    static String fileName(String tenant, String key, String sha256) {
        String hash = sha256.substring(0, 12);
        String safeKey = key.replaceAll("[^A-Za-z0-9_.-]", "-");
        int room = MAX_FILE_NAME - hash.length() - 2;
        String t = tenant.substring(0, Math.min(tenant.length(), Math.max(room / 2, room - safeKey.length())));
        String k = safeKey.substring(0, Math.min(safeKey.length(), room - t.length()));
        return t + "-" + k + "-" + hash;
    }

    private record Rendered(Host host, Map<String, String> vars, DesiredContainer container) {
    }

    /** Whether every host says the same: the tenant is one swarm or none. */
    private static List<Problem> oneEngine(Inventory inventory, InventoryVars values) {
        Set<Boolean> engines = new TreeSet<>();
        Host swarmHost = null;
        for (Host host : inventory.hostMap().values()) {
            boolean swarm = swarm(name -> values.value(host, name));
            engines.add(swarm);
            swarmHost = swarm && swarmHost == null ? host : swarmHost;
        }
        if (engines.size() < 2) {
            return List.of();
        }
        return List.of(new Problem(swarmHost.origin(VarRules.ENGINE), VarRules.ENGINE + ": host " + swarmHost.name() + " says swarm"
                + " and other hosts do not; a tenant runs on Swarm or on single hosts as a whole: set it in all.vars"));
    }
}
