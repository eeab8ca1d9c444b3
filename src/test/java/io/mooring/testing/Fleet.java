package io.mooring.testing;

import io.mooring.model.DesiredContainer;
import io.mooring.model.Guardrails;
import io.mooring.source.FileTree;
import io.mooring.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * A cluster on one machine: seed 000's five-host tenant (omlapp, kamailio, asterisk, database, dialer; each host's
 * address one of this machine's loopback addresses, no other test's) in a config repository, one fresh state database
 * on a {@link ThrowawayPostgres} that every agent shares, the OMniLeads images served by stand-ins from the docker.io
 * mirror, and the agents the test starts, each as one inventory host (its {@code node:}) on one of the
 * {@link TestEngines}, in the test's JVM ({@link #start}) or as a process of its own ({@link #startProcess}).
 * {@link #close} stops the agents and removes everything the tenant left on every engine.
 */
public final class Fleet implements AutoCloseable {
    /** The hosts of the seed's five-host layout, as its inventory names them. */
    public static final List<String> HOSTS = List.of("omlapp", "kamailio", "asterisk", "database", "dialer");
    /** Where a stand-in listens when started with its image's own command, for the components whose probes ask it. */
    private static final Map<String, String> PORTS = Map.of("websockets", "8000", "nginx", "443", "postgresql", "5432",
            "redis", "6379", "rabbitmq", "5672", "dialer", "8080");
    public final String tenant = "fl" + UUID.randomUUID().toString().substring(0, 6);
    public final String database = TestPostgres.newDatabaseName("fleet");
    public final TestEngines engines = new TestEngines();
    public final ThrowawayPostgres postgres;
    public final TestRepo repo;
    private final String subnet = "127.78." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
    private final Path tmp;
    /** The inventory the fleet's tenant was committed with. */
    public final String inventory;
    private final Map<String, List<String>> expected = new TreeMap<>();
    private final List<String> standIns = new ArrayList<>();
    private final Map<String, TestAgent> agents = new LinkedHashMap<>();
    private final Map<String, AgentProcess> processes = new LinkedHashMap<>();

    /** The tenant committed, its stand-ins pushed, the database made; no agent runs yet. */
    public Fleet(Path tmp) throws Exception {
        this(tmp, UnaryOperator.identity());
    }

    /**
     * As {@link #Fleet(Path)}, the inventory changed by {@code change} first (a managed database's {@code postgres_host},
     * a backup schedule, ...): what it renders is what {@link #expected} says and what gets stand-ins.
     */
    public Fleet(Path tmp, UnaryOperator<String> change) throws Exception {
        this.tmp = tmp;
        StandIns.requireMirror();
        repo = new TestRepo(tmp.resolve("config"));
        inventory = change.apply(seedInventory());
        postgres = ThrowawayPostgres.start();
        try {
            postgres.createDatabase(database);
            pushStandIns(render());
            repo.write("instances/" + tenant + "/inventory.yml", inventory);
            repo.commit(tenant + ": seed 000's five hosts");
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** What the inventory puts on each host, as the agents will render it; kept for {@link #expected}. */
    private Validator.Result render() throws java.io.IOException {
        Path folder = Files.createDirectories(tmp.resolve("shape"));
        Files.writeString(folder.resolve("inventory.yml"), inventory);
        Validator.Result shape = Validator.tenant(new FileTree(folder), tenant, Guardrails.defaults());
        if (!shape.problems().isEmpty()) {
            throw new IllegalStateException("the fleet's tenant is not valid: " + shape.problems());
        }
        shape.hosts().forEach((host, state) ->
                expected.put(host, state.containers().stream().map(DesiredContainer::component).sorted().toList()));
        return shape;
    }

    /** A stand-in for every image of every host, listening where the component that uses it is probed. */
    private void pushStandIns(Validator.Result shape) throws Exception {
        Map<String, String> images = new TreeMap<>();
        shape.hosts().values().forEach(state -> state.containers().forEach(c ->
                images.merge(c.image().reference(), c.component(), (a, b) -> PORTS.containsKey(a) ? a : b)));
        for (var image : images.entrySet()) {
            standIns.add(image.getKey());
            StandIns.push(image.getKey(), PORTS.getOrDefault(image.getValue(), ""), false);
            engines.forgetImage(image.getKey());
        }
    }

    /** The seed's inventory, each host on an address of this machine, nginx on a free port (it takes every address). */
    private String seedInventory() throws Exception {
        String seed = Files.readString(Path.of("src/test/resources/seeds/five-host/inventory.yml"));
        return seed.replace("10.10.10.", subnet).replace("  vars:\n", "  vars:\n    nginx_https_port: " + Http.freePort() + "\n");
    }

    /** The address the inventory gives {@code host}. */
    public String address(String host) {
        return subnet + (11 + HOSTS.indexOf(host));
    }

    /** The components the inventory puts on {@code host}, sorted. */
    public List<String> expected(String host) {
        return expected.getOrDefault(host, List.of());
    }

    /** Starts the agent of {@code node} in the test's JVM on engine {@code engine} (see {@link TestEngines#dockerHost}). */
    public TestAgent start(String node, int engine) throws Exception {
        return start(node, engine, "");
    }

    /** As {@link #start(String, int)}, with {@code extra} blocks (cluster:, backup:, ...) in the agent's configuration. */
    public TestAgent start(String node, int engine, String extra) throws Exception {
        Path folder = folder(node);
        TestAgent agent = new TestAgent(folder.resolve("agent.yml"), repo.dir().toString(), node, folder.resolve("home"),
                settings(node, engine, extra));
        agents.put(node, agent);
        return agent;
    }

    /** Starts the agent of {@code node} as a process of its own, which the test may kill -9 and start again. */
    public AgentProcess startProcess(String node, int engine, String extra) throws Exception {
        Path folder = folder(node);
        AgentProcess agent = AgentProcess.start(folder.resolve("agent.yml"), repo.dir().toString(), node, folder.resolve("home"),
                settings(node, engine, extra));
        processes.put(node, agent);
        return agent;
    }

    /** The agent file of {@code node}, as {@code mooring status --config} reads it. */
    public Path agentFile(String node) {
        return tmp.resolve("agent-" + node).resolve("agent.yml");
    }

    /** The folder of {@code node}'s agent: its file, token, log and home; refused while an agent of that node runs. */
    private Path folder(String node) throws java.io.IOException {
        if (agents.containsKey(node) || processes.containsKey(node)) {
            throw new IllegalStateException("the agent of " + node + " runs already");
        }
        return Files.createDirectories(tmp.resolve("agent-" + node));
    }

    /** Polling every 2 s, on its engine, recording in the fleet's database. */
    /**
     * Each node's agent keeps its secrets' files in a folder of its own, as on hosts of their own: on one machine, an
     * agent's pruning of the tenant's unused files would remove what another node's agent has just written for its
     * containers. A folder of the tmpfs at /run/mooring, removed with the fleet.
     */
    private String settings(String node, int engine, String extra) {
        return extra + "interval: 2s\nhealthTimeout: 60s\ndockerHost: " + TestEngines.dockerHost(engine) + "\n"
                + "secrets: {filesDir: " + filesDir(node) + "}\n" + postgres.agentDatabaseBlock(database);
    }

    private Path filesDir(String node) {
        return Path.of("/run/mooring", "fleet-" + tenant + "-" + node);
    }

    /** The agent of {@code node} running in the test's JVM. */
    public TestAgent agent(String node) {
        return Optional.ofNullable(agents.get(node)).orElseThrow(() -> new IllegalStateException("no agent of " + node + " runs in the JVM"));
    }

    /** The agent of {@code node} running as a process of its own (alive or killed). */
    public AgentProcess process(String node) {
        return Optional.ofNullable(processes.get(node)).orElseThrow(() -> new IllegalStateException("no agent process of " + node));
    }

    /** Stops the agent of {@code node} as its service manager would (not a crash). */
    public void stop(String node) throws InterruptedException {
        Optional.ofNullable(agents.remove(node)).ifPresent(TestAgent::close);
        AgentProcess process = processes.remove(node);
        if (process != null) {
            process.close();
        }
    }

    /** The status of the last pass of the tenant each node recorded in the shared database, by node. */
    public Map<String, String> lastPassByNode() throws Exception {
        return postgres.pairs(database, "SELECT node, status FROM passes WHERE id IN (SELECT max(id) FROM passes WHERE tenant = '"
                + tenant + "' GROUP BY node) ORDER BY node");
    }

    /** What the passes of the tenant {@code node} recorded did, action by action, each keyed by its pass's number. */
    public Map<String, String> actions(String node) throws Exception {
        return postgres.pairs(database, "SELECT row_number() OVER (ORDER BY p.id, a.position) || ': pass ' || (SELECT count(*) FROM"
                + " passes e WHERE e.tenant = p.tenant AND e.node = p.node AND e.id <= p.id), a.component || ' ' || a.verb || ' ('"
                + " || a.reason || '): ' || a.outcome || ' ' || a.message FROM passes p JOIN pass_actions a ON a.pass_id = p.id"
                + " WHERE p.tenant = '" + tenant + "' AND p.node = '" + node + "' ORDER BY p.id, a.position");
    }

    /** How many passes of the tenant {@code node} recorded in the shared database. */
    public long passCount(String node) throws Exception {
        return postgres.queryLong(database, "SELECT count(*) FROM passes WHERE tenant = '" + tenant + "' AND node = '" + node + "'");
    }

    @Override
    public void close() throws Exception {
        for (String node : List.copyOf(agents.keySet())) {
            stop(node);
        }
        for (String node : List.copyOf(processes.keySet())) {
            stop(node);
        }
        try {
            engines.removeTenant(tenant);
            for (String reference : standIns) {
                StandIns.remove(reference);
                engines.forgetImage(reference);
            }
        } finally {
            engines.close();
            repo.close();
            postgres.close();
            for (String node : HOSTS) {
                deleteAll(filesDir(node));
            }
        }
    }

    private static void deleteAll(Path folder) throws java.io.IOException {
        if (Files.exists(folder)) {
            try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
