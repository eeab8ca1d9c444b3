package io.mooring.reconcile;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.engine.SwarmEngine;
import io.mooring.model.NodeReport;
import io.mooring.model.ObservedService;
import io.mooring.model.PassRecord;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.TenantCertificate;
import io.mooring.render.Placement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What this node tells the cluster with each heartbeat, from what the agent holds in memory (the revisions its passes
 * accepted, how they ended) and the engine's list of its containers ({@link NodeContainers}: listed again when its
 * events say they changed): no query of the state database, so that it costs the same whether the database answers or not.
 */
public final class NodeReporter {
    /** The state of a component the revision places on the node and the engine does not list. */
    public static final String MISSING = "missing";
    /** The state of a placed component while the engine does not answer. */
    public static final String UNKNOWN = "unknown (the engine does not answer)";
    private final Identity identity;
    private final Supplier<Map<String, Reconciler.Accepted>> accepted;
    private final Supplier<Map<String, PassRecord>> passes;
    private final Engine engine;
    private final Supplier<Map<String, TenantCertificate>> certificates;
    private final LastBackups backups;
    private final NodeContainers containers;
    /** Per tenant, the revision its passes act on and since when this reporter has seen it so. */
    private final Map<String, Map.Entry<String, Instant>> since = new ConcurrentHashMap<>();
    /** Per tenant, the revision whose roles were worked out and those roles: placing a tenant once a revision is enough. */
    private final Map<String, Map.Entry<String, List<String>>> roles = new ConcurrentHashMap<>();

    /** Who the node is: its name, the agent's version, the address it is known by, when it started, how often it reports. */
    public record Identity(String node, String version, String address, Instant started, Duration interval) {
    }

    public NodeReporter(Identity identity, Supplier<Map<String, Reconciler.Accepted>> accepted, Supplier<Map<String, PassRecord>> passes,
                        Engine engine) {
        this(identity, accepted, passes, engine, Map::of, new LastBackups());
    }

    /** {@code certificates}: each tenant's certificate as its containers have it; {@code backups}: the last backups told. */
    public NodeReporter(Identity identity, Supplier<Map<String, Reconciler.Accepted>> accepted, Supplier<Map<String, PassRecord>> passes,
                        Engine engine, Supplier<Map<String, TenantCertificate>> certificates, LastBackups backups) {
        this(identity, accepted, passes, engine, certificates, backups, NodeContainers.listedEachTime(engine, identity.node()));
    }

    private NodeReporter(Identity identity, Supplier<Map<String, Reconciler.Accepted>> accepted, Supplier<Map<String, PassRecord>> passes,
                         Engine engine, Supplier<Map<String, TenantCertificate>> certificates, LastBackups backups,
                         NodeContainers containers) {
        this.identity = identity;
        this.accepted = accepted;
        this.passes = passes;
        this.engine = engine;
        this.certificates = certificates;
        this.backups = backups;
        this.containers = containers;
    }

    /** The agent's reconciler's memory of its tenants. */
    public NodeReporter(Identity identity, Reconciler reconciler, Engine engine) {
        this(identity, reconciler::accepted, reconciler::lastPasses, engine);
    }

    /** The agent's reconciler's memory of its tenants, their certificates, and the last backups told to {@code backups}. */
    public NodeReporter(Identity identity, Reconciler reconciler, Engine engine, LastBackups backups) {
        this(identity, reconciler::accepted, reconciler::lastPasses, engine, reconciler::certificates, backups);
    }

    /** The same, the node's containers listed through {@code containers} (again only when the engine's events say so). */
    public NodeReporter(Identity identity, Reconciler reconciler, Engine engine, LastBackups backups, NodeContainers containers) {
        this(identity, reconciler::accepted, reconciler::lastPasses, engine, reconciler::certificates, backups, containers);
    }

    /** How often the node reports. */
    public Duration interval() {
        return identity.interval();
    }

    public NodeReport report() {
        Map<String, Reconciler.Accepted> tenants = accepted.get();
        Map<String, PassRecord> last = passes.get();
        TreeSet<String> inventoryNodes = new TreeSet<>();
        tenants.values().forEach(a -> inventoryNodes.addAll(a.config().inventory().hosts().keySet()));
        // A tenant that left the node is no longer accepted; one whose revisions never got that far still shows its failure.
        TreeSet<String> names = new TreeSet<>(tenants.keySet());
        last.forEach((tenant, pass) -> {
            if (!tenants.containsKey(tenant) && io.mooring.model.PassStatus.FAILURES.contains(pass.status())) {
                names.add(tenant);
            }
        });
        Optional<Map<String, List<NodeReport.Component>>> components = components(names);
        Map<String, TenantCertificate> certified = certificates.get();
        List<NodeReport.Tenant> reported = new ArrayList<>();
        for (String tenant : names) {
            PassRecord pass = last.get(tenant);
            Optional<io.mooring.model.BackupEvent> backup = backups.of(tenant, identity.node());
            TenantCertificate certificate = certified.get(tenant);
            reported.add(new NodeReport.Tenant(tenant, roles(tenant, tenants.get(tenant)), pass == null ? "" : pass.revision(),
                    pass == null ? "" : pass.status().name(), pass == null ? null : pass.finished(),
                    services(tenant, tenants.get(tenant)).orElseGet(() -> withPlaced(tenants.get(tenant),
                            components.map(c -> c.getOrDefault(tenant, List.of())))), since(tenant, pass),
                    backup.map(io.mooring.model.BackupEvent::at).orElse(null), backup.flatMap(io.mooring.model.BackupEvent::error).orElse(null),
                    certificate == null ? null : certificate.notAfter()));
        }
        roles.keySet().retainAll(tenants.keySet());
        since.keySet().retainAll(names);
        return new NodeReport(identity.node(), identity.version(), identity.address(), identity.started(), null, identity.interval(),
                new ArrayList<>(inventoryNodes), reported);
    }

    /**
     * The listed containers and, for each component the accepted revision places here that is not among them, a line
     * {@value #MISSING} ({@value #UNKNOWN} when the engine did not answer): a removed container, or an engine that is down,
     * is not a converged node.
     */
    private static List<NodeReport.Component> withPlaced(Reconciler.Accepted at, Optional<List<NodeReport.Component>> listed) {
        List<NodeReport.Component> all = new ArrayList<>(listed.orElse(List.of()));
        if (at != null) {
            Set<String> seen = all.stream().map(NodeReport.Component::component).collect(java.util.stream.Collectors.toSet());
            at.desired().containers().stream().filter(c -> !seen.contains(c.component()))
                    .forEach(c -> all.add(new NodeReport.Component(c.component(), c.image().reference(), "",
                            listed.isPresent() ? MISSING : UNKNOWN, "none")));
        }
        all.sort(java.util.Comparator.comparing(NodeReport.Component::component));
        return all;
    }

    /**
     * A Swarm tenant's services, when this node's engine manages the swarm: each with its tasks running of desired and
     * the nodes they run on (its task containers on this node are not listed apart); empty for any other tenant.
     */
    private Optional<List<NodeReport.Component>> services(String tenant, Reconciler.Accepted at) {
        if (at == null || !SwarmPass.applies(at.config())) {
            return Optional.empty();
        }
        try {
            Optional<SwarmEngine> swarm = engine.swarm().filter(SwarmEngine::manager);
            return swarm.map(s -> s.services(tenant).stream().sorted(java.util.Comparator.comparing(ObservedService::component))
                    .map(service -> new NodeReport.Component(service.component(), service.image(), service.digest(),
                            service.running() >= service.desired() ? "running" : service.running() == 0 ? "not running" : "partly running",
                            "none", service.running() + "/" + service.desired(), service.tasks().stream()
                            .filter(t -> "running".equals(t.state())).map(ObservedService.Task::node).distinct().sorted().toList()))
                    .toList());
        } catch (RuntimeException e) {
            // The heartbeat goes on without them: what the engine answered is not trusted to be whole.
            return Optional.empty();
        }
    }

    /** Since when the tenant's passes act on the revision of {@code pass}: the end of the first such pass this reporter saw. */
    private Instant since(String tenant, PassRecord pass) {
        if (pass == null || pass.revision().isEmpty()) {
            return null;
        }
        return since.compute(tenant, (t, known) -> known != null && known.getKey().equals(pass.revision()) ? known
                : Map.entry(pass.revision(), pass.finished())).getValue();
    }

    /** The node's containers by tenant; empty when the engine does not answer (the tenants still report). */
    private Optional<Map<String, List<NodeReport.Component>>> components(TreeSet<String> tenants) {
        Map<String, List<NodeReport.Component>> byTenant = new TreeMap<>();
        List<Engine.Listed> listed;
        try {
            listed = containers.listed();
        } catch (EngineException e) {
            return Optional.empty();
        }
        listed.stream().filter(c -> tenants.contains(c.tenant()))
                .sorted(java.util.Comparator.comparing(Engine.Listed::component))
                .forEach(c -> byTenant.computeIfAbsent(c.tenant(), t -> new ArrayList<>())
                        .add(new NodeReport.Component(c.component(), c.image(), c.digest(), c.state(), c.health())));
        return Optional.of(byTenant);
    }

    /** The roles (components.yml's x-mooring.roles) of what runs on this node for the tenant at its accepted revision. */
    private List<String> roles(String tenant, Reconciler.Accepted at) {
        if (at == null) {
            return List.of();
        }
        String revision = at.checkout().revision().commit();
        Map.Entry<String, List<String>> known = roles.get(tenant);
        if (known != null && known.getKey().equals(revision)) {
            return known.getValue();
        }
        TreeSet<String> found = new TreeSet<>();
        for (ServiceDefinition service : Placement.of(at.config()).componentsOn(identity.node())) {
            found.addAll(service.roles());
        }
        List<String> sorted = List.copyOf(found);
        roles.put(tenant, Map.entry(revision, sorted));
        return sorted;
    }
}
