package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.wiring.Wiring;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.Selection;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import io.mooring.testing.Http;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that discovers its tenants: a commit that touches one tenant leaves the others' desired state
 * (and so their skip key) as it was; a tenant whose inventory stops naming this node, or whose folder goes,
 * has its containers removed here with its volumes kept; nothing another agent deployed is touched.
 */
class TenantDiscoveryIT {
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String moving = "disc-" + run + "-a";
    private final String staying = "disc-" + run + "-b";
    private TestRepo repo;
    private GitSource source;
    private DockerEngine engine;
    private StateStore store;
    private Reconciler reconciler;
    private final TestDocker docker = new TestDocker();

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        repo.write("components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n    volumes: [data:/data]\n"
                + "    healthcheck: {disable: true}\n    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n");
        repo.write("instances/" + moving + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n");
        repo.write("instances/" + staying + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n");
        repo.commit("two tenants on node-a");
        source = Wiring.source(repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine("unix:///var/run/docker.sock");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:discovery-" + run + ";DB_CLOSE_DELAY=-1");
        store = Wiring.store(h2);
        reconciler = new Reconciler(new Reconciler.Ports(source, engine, store), "node-a", Clock.systemUTC(),
                Reconciler.Settings.defaults(Duration.ofSeconds(30)));
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(moving, moving + "_data");
        docker.removeTenant(staying, staying + "_data");
        docker.close();
        source.close();
        engine.close();
        repo.close();
    }

    private Map<String, PassRecord> pass(Map<String, String> keys) {
        return pass(keys, new ConcurrentHashMap<>());
    }

    /** A round; {@code keys} gets each tenant's key, {@code settled} those of the tenants found to be none of this node's. */
    private Map<String, PassRecord> pass(Map<String, String> keys, Map<String, String> settled) {
        Map<String, PassRecord> byTenant = new HashMap<>();
        // The pool's threads ask the predicate at once.
        Map<String, String> seen = new ConcurrentHashMap<>();
        for (PassRecord pass : reconciler.reconcileAll(Selection.all(null).skipping((tenant, key) -> {
            seen.put(tenant, key);
            return false;
        }).settling(settled::put)).passes()) {
            byTenant.put(pass.tenant(), pass);
        }
        keys.putAll(seen);
        return byTenant;
    }

    private List<String> running(String tenant) {
        return docker.tenantContainers(tenant).stream().map(c -> c.getState()).toList();
    }

    @Test
    void tenantsComeAndGoWithTheirRepositoryFoldersAndVolumesStay() throws Exception {
        Map<String, String> before = new HashMap<>();
        assertThat(pass(before).values()).extracting(PassRecord::status).containsOnly(PassStatus.CONVERGED);
        assertThat(running(moving)).containsExactly("running");
        assertThat(running(staying)).containsExactly("running");
        String foreign = docker.runForeign("disc-" + run + "-foreign", TestDocker.image("1.0"), Map.of("io.mooring.tenant", "disc-" + run + "-c"));

        repo.write("instances/" + moving + "/inventory.yml", "all:\n  hosts:\n    node-b: {}\n");
        repo.commit("the first tenant moves to node-b");
        Map<String, String> after = new HashMap<>();
        Map<String, String> settled = new ConcurrentHashMap<>();
        Map<String, PassRecord> moved = pass(after, settled);
        assertThat(settled).as("a tenant that ran here leaves with a recorded pass, not as settled").isEmpty();
        assertThat(after.get(staying)).as("a tenant the commit did not touch keeps its key").isEqualTo(before.get(staying));
        assertThat(after.get(moving)).isNotEqualTo(before.get(moving));
        assertThat(moved.get(moving).status()).isEqualTo(PassStatus.CONVERGED);
        assertThat(moved.get(moving).message()).contains("no longer runs on node node-a: its inventory no longer names node node-a");
        assertThat(running(moving)).as("its containers are removed here").isEmpty();
        assertThat(docker.volumeExists(moving + "_data")).as("its volume is kept").isTrue();
        assertThat(running(staying)).containsExactly("running");
        assertThat(pass(new HashMap<>(), settled)).as("once gone from here, it is another node's tenant: nothing to record")
                .containsOnlyKeys(staying);
        assertThat(settled).as("nothing to do here at its key either").containsExactly(Map.entry(moving, after.get(moving)));

        Files.walk(repo.dir().resolve("instances/" + staying)).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        try (Git git = Git.open(repo.dir().toFile())) {
            git.rm().addFilepattern("instances/" + staying).call();
        }
        repo.commit("the second tenant is gone");
        Map<String, PassRecord> gone = pass(new HashMap<>());
        assertThat(gone.get(staying).message()).contains("its folder is no longer in the repository");
        assertThat(running(staying)).isEmpty();
        assertThat(docker.volumeExists(staying + "_data")).isTrue();
        assertThat(docker.inspect(foreign).getState().getRunning()).as("what this agent did not deploy is not touched").isTrue();
        docker.removeContainer(foreign);

        assertThat(pass(new HashMap<>())).as("nothing deployed here is left to remove").isEmpty();
    }

    @Test
    void oneTenantThatBreaksItsPassNeverSkipsTheTenantsAfterIt() throws Exception {
        String broken = "disc-" + run + "-0";
        // A self-referencing alias: loading it overflows the stack of a naive walk, the worst a commit can do to a pass.
        repo.write("instances/" + broken + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars:\n    loop: &l [*l]\n");
        repo.commit("a tenant whose inventory loops");
        Map<String, PassRecord> passes = pass(new HashMap<>());
        assertThat(passes.get(broken).status()).isIn(PassStatus.INVALID, PassStatus.FAILED);
        assertThat(passes.get(moving).status()).isEqualTo(PassStatus.CONVERGED);
        assertThat(passes.get(staying).status()).isEqualTo(PassStatus.CONVERGED);
        assertThat(store.last(broken, "node-a")).as("the broken tenant's pass is recorded").isPresent();
        assertThat(running(moving)).containsExactly("running");
        assertThat(running(staying)).containsExactly("running");
    }

    @Test
    void anUnreachableRepositoryLeavesEveryTenantAndItsHistoryAsItWas(@TempDir Path tmp) throws Exception {
        assertThat(pass(new HashMap<>()).values()).extracting(PassRecord::status).containsOnly(PassStatus.CONVERGED);
        try (GitSource gone = Wiring.source(tmp.resolve("no-such-repository").toString(), tmp.resolve("home"))) {
            Reconciler agent = new Reconciler(new Reconciler.Ports(gone, engine, store), "node-a", Clock.systemUTC(),
                    Reconciler.Settings.defaults(Duration.ofSeconds(30)));
            Reconciler.Result round = agent.reconcileAll(Selection.all(null));
            assertThat(round.sourceDown()).isTrue();
            assertThat(round.sourceError().orElseThrow()).contains("no-such-repository");
            assertThat(round.passes()).as("no tenant had a revision to act on").isEmpty();
            assertThat(agent.fetched().orElseThrow().error()).contains("no-such-repository");
        }
        assertThat(store.tenants("node-a")).as("no pseudo-tenant in the history").containsExactlyInAnyOrder(moving, staying);
        assertThat(store.last(moving, "node-a").orElseThrow().status()).as("the last pass stays the last").isEqualTo(PassStatus.CONVERGED);
        assertThat(running(moving)).as("what runs stays").containsExactly("running");
    }
}
