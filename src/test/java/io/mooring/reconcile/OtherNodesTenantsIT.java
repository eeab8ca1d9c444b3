package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import io.mooring.testing.Await;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import io.mooring.wiring.Wiring;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle agent's rounds cost what its own node's tenants cost: a tenant of another node, found to be none of this
 * node's, is not read again while its files stay as they are (a commit of other tenants does not count), and is
 * read, and taken up here, as soon as a commit changes them.
 */
class OtherNodesTenantsIT {
    private static final Duration INTERVAL = Duration.ofMillis(500);

    private final String run = "on-" + UUID.randomUUID().toString().substring(0, 6);
    private final String here = run + "-here";
    private final String there = run + "-there";
    private final TestDocker docker = new TestDocker();
    private final AtomicInteger thereRead = new AtomicInteger();
    private TestRepo repo;
    private GitSource git;
    private DockerEngine engine;
    private StateStore store;
    private Reconciler reconciler;
    private ReconcileLoop loop;
    private String first;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        repo.write("components.yml", "services:\n  web:\n    image: " + TestDocker.REGISTRY + "/demo/web:${web_version}\n"
                + "    healthcheck: {disable: true}\n    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n");
        repo.write("instances/" + here + "/inventory.yml", inventory("node-a", "1.0"));
        repo.write("instances/" + there + "/inventory.yml", inventory("node-b", "1.0"));
        first = repo.commit("one tenant here, one on node-b");
        git = Wiring.source(repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine("unix:///var/run/docker.sock");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + run + ";DB_CLOSE_DELAY=-1");
        store = Wiring.store(h2);
        String thereInventory = "instances/" + there + "/inventory.yml";
        GitSource counting = new HookedSource(git, () -> { }, read -> {
            if (read.equals(thereInventory)) {
                thereRead.incrementAndGet();
            }
        });
        reconciler = new Reconciler(new Reconciler.Ports(counting, engine, store), "node-a", Clock.systemUTC(),
                Reconciler.Settings.defaults(Duration.ofSeconds(30)));
        loop = new ReconcileLoop(reconciler, engine, List.of(), null, INTERVAL, Duration.ofMinutes(10));
    }

    @AfterEach
    void tearDown() throws Exception {
        loop.stop();
        docker.removeTenant(here, here + "_data");
        docker.removeTenant(there, there + "_data");
        docker.close();
        git.close();
        engine.close();
        repo.close();
    }

    private static String inventory(String node, String version) {
        return "all:\n  hosts:\n    " + node + ": {}\n  vars: {web_version: \"" + version + "\"}\n";
    }

    private PassRecord lastOf(String tenant, String revision) {
        return Await.until(Duration.ofSeconds(60), () -> store.last(tenant, "node-a").orElse(null),
                p -> p != null && p.revision().equals(revision) && p.status() == PassStatus.CONVERGED);
    }

    /** Waits until the loop has fetched {@code rounds} more times: each round fetches first. */
    private void rounds(int rounds) {
        for (int i = 0; i < rounds; i++) {
            Instant now = Instant.now();
            Await.until(Duration.ofSeconds(30), reconciler::fetched, f -> f.isPresent() && f.get().at().isAfter(now));
        }
    }

    @Test
    void anotherNodesTenantIsReadOnceAtEachOfItsChangesAndNotOnEveryRound() throws Exception {
        loop.start();
        lastOf(here, first);
        rounds(2);
        int settled = thereRead.get();
        assertThat(settled).as("the other node's tenant was read to learn it is not this node's").isPositive();
        rounds(4);
        assertThat(thereRead.get()).as("and not again in idle rounds").isEqualTo(settled);

        repo.write("instances/" + here + "/inventory.yml", inventory("node-a", "1.1"));
        String upgrade = repo.commit("only this node's tenant changes");
        assertThat(lastOf(here, upgrade).message()).contains("1 change(s) applied");
        rounds(2);
        assertThat(thereRead.get()).as("a commit of other tenants leaves its files, and so its key, as they were").isEqualTo(settled);
        assertThat(docker.tenantContainers(there)).isEmpty();

        repo.write("instances/" + there + "/inventory.yml", inventory("node-a", "1.0"));
        String moved = repo.commit("the other tenant moves to node-a");
        assertThat(lastOf(there, moved).message()).as("a change of its files is seen at once").contains("1 change(s) applied");
        assertThat(thereRead.get()).isGreaterThan(settled);
        assertThat(docker.tenantContainers(there)).extracting(c -> c.getState()).containsExactly("running");
    }

    @Test
    void aRetryOfAnotherNodesTenantReadsItOnceAndIsDone() {
        loop.start();
        lastOf(here, first);
        rounds(2);
        int settled = thereRead.get();

        loop.retry(there);
        Await.until(Duration.ofSeconds(30), thereRead::get, n -> n > settled);
        rounds(2);
        int retried = thereRead.get();
        rounds(4);
        assertThat(thereRead.get()).as("the retry, with no pass of it to make here, is not asked again at every round").isEqualTo(retried);
        assertThat(docker.tenantContainers(there)).isEmpty();
    }
}
