package io.mooring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agents of one cluster in the test's JVM: one tenant whose hosts are named after the agents' nodes, one fresh PostgreSQL
 * database they share, one engine they share (each observes only its own node's containers), passes every second, heartbeats every 3 s (a
 * node is down 9 s after its last: room for a command's JVM to start while it is still up).
 */
final class FleetRig implements AutoCloseable {
    final TenantFixture it;
    final String database = TestPostgres.newDatabaseName("fleet");
    private final Path tmp;
    private final Map<String, TestAgent> agents = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    FleetRig(Path tmp) throws Exception {
        this.tmp = tmp;
        it = new TenantFixture(tmp);
        TestPostgres.execute("postgres", "CREATE DATABASE " + database);
    }

    /** The tenant: web (published) on node-a's role, api on node-b's; {@code extraHosts} are more hosts of the inventory. */
    String commit(String version, String extraHosts) throws Exception {
        return commitHosts(version, "    node-a: {roles: [web]}\n    node-b: {roles: [api]}\n" + extraHosts);
    }

    /** The tenant with only the hosts {@code hosts} (YAML lines under all.hosts) names. */
    String commitHosts(String version, String hosts) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", """
                all:
                  hosts:
                %s  vars: {web_version: "%s"}
                """.formatted(hosts, version));
        it.repo.write("components.yml", it.webComponents() + """
                    x-mooring: {roles: [web]}
                  api:
                    image: %s/demo/web:${web_version}
                    x-mooring: {roles: [api]}
                """.formatted(TestDocker.REGISTRY));
        return it.repo.commit("web and api " + version);
    }

    TestAgent start(String node) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve(node));
        TestAgent agent = new TestAgent(folder.resolve("agent.yml"), it.repo.dir().toString(), folder.resolve("home"), node, """
                interval: 1s
                healthTimeout: 30s
                cluster: {heartbeatInterval: 3s}
                database:
                  driverClass: org.postgresql.Driver
                  url: jdbc:postgresql://%s:%d/%s
                  user: %s
                """.formatted(TestPostgres.HOST, TestPostgres.PORT, database, TestPostgres.USER));
        agents.put(node, agent);
        return agent;
    }

    void stop(String node) {
        agents.remove(node).close();
    }

    Path config(String node) {
        return tmp.resolve(node).resolve("agent.yml");
    }

    /** {@code mooring ARGS --config <node's file>} through the jar. */
    MooringCli.Result cli(String node, String... args) throws Exception {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config(node).toString();
        return MooringCli.run(all);
    }

    JsonNode json(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** {@code GET /api/cluster} of {@code agent}, in the test's JVM: what {@code status --all --format json} prints. */
    JsonNode cluster(TestAgent agent) {
        return json(agent.get("/api/cluster"));
    }

    /** Whether every node of {@code status} is up and each of its tenants converged with its components running and
     * healthy (or without a health check). */
    static boolean fine(JsonNode status) {
        for (JsonNode n : status.get("nodes")) {
            if (!"up".equals(n.get("state").asText()) || n.get("tenants").isEmpty()) {
                return false;
            }
            for (JsonNode t : n.get("tenants")) {
                if (!"CONVERGED".equals(t.get("status").asText()) || t.get("components").isEmpty()) {
                    return false;
                }
                for (JsonNode c : t.get("components")) {
                    if (!"running".equals(c.get("state").asText()) || !List.of("healthy", "none").contains(c.get("health").asText())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The node's entry in {@code mooring status --all --format json}; null when it is not listed. */
    JsonNode node(JsonNode status, String node) {
        for (JsonNode n : status.get("nodes")) {
            if (n.get("node").asText().equals(node)) {
                return n;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        for (TestAgent agent : agents.values()) {
            agent.close();
        }
        agents.clear();
        it.close();
        TestPostgres.drop(database);
    }
}
