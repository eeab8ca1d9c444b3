package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.health.ReconcileHealthCheck;
import io.mooring.model.Guardrails;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
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
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile loop against the real engine and a real repository: a pass that throws an {@code Error} costs that
 * tenant its pass and nothing more; a pass that outlives its budget is given up and recorded while the other tenant
 * converges; a loop that stops completing rounds turns the {@code reconcile} health check unhealthy.
 */
class LoopResilienceIT {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final String run = "lr-" + UUID.randomUUID().toString().substring(0, 6);
    private final String good = run + "-good";
    private final String bad = run + "-bad";
    private final TestDocker docker = new TestDocker();
    private TestRepo repo;
    private GitSource git;
    private DockerEngine engine;
    private StateStore store;
    private ReconcileLoop loop;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        repo.write("components.yml", web(""));
        repo.write("instances/" + good + "/inventory.yml", inventory("1.0"));
        repo.write("instances/" + bad + "/inventory.yml", inventory("1.0"));
        repo.commit("two tenants");
        git = Wiring.source(repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine("unix:///var/run/docker.sock");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + run + ";DB_CLOSE_DELAY=-1");
        store = Wiring.store(h2);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (loop != null) {
            loop.stop();
        }
        docker.removeTenant(good, good + "_data");
        docker.removeTenant(bad, bad + "_data");
        docker.close();
        git.close();
        engine.close();
        repo.close();
    }

    private static String inventory(String version) {
        return "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n";
    }

    private static String web(String hooks) {
        return "services:\n  web:\n    image: " + TestDocker.REGISTRY + "/demo/web:${web_version}\n    healthcheck: {disable: true}\n"
                + "    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n" + hooks;
    }

    private void startLoop(GitSource source, Duration passTimeout) {
        loop = loop(source, passTimeout);
        loop.start();
    }

    private ReconcileLoop loop(GitSource source, Duration passTimeout) {
        Reconciler.Settings settings = new Reconciler.Settings(Guardrails.defaults(), Duration.ofSeconds(30), 4, 0, Duration.ZERO,
                SignaturePolicy.OFF, new Reconciler.Limits(4, Duration.ofHours(1), passTimeout));
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(source, engine, store), "node-a", Clock.systemUTC(), settings);
        return new ReconcileLoop(reconciler, engine, List.of(), null, INTERVAL, Duration.ofMinutes(10));
    }

    private PassRecord lastOf(String tenant, Predicate<PassRecord> done) {
        return Await.until(Duration.ofSeconds(60), () -> store.last(tenant, "node-a").orElse(null), p -> p != null && done.test(p));
    }

    @Test
    void aPassThatThrowsAnErrorCostsItsTenantThatPassAndTheLoopGoesOn() throws Exception {
        startLoop(breaking(git, "instances/" + bad + "/inventory.yml"), Duration.ofMinutes(5));

        PassRecord broken = lastOf(bad, p -> true);
        assertThat(broken.status()).isEqualTo(PassStatus.INTERNAL);
        assertThat(broken.message()).contains("StackOverflowError");
        assertThat(lastOf(good, p -> p.status() == PassStatus.CONVERGED).message()).contains("1 change(s) applied");

        repo.write("instances/" + good + "/inventory.yml", inventory("1.1"));
        String upgrade = repo.commit("the good tenant moves to 1.1");
        PassRecord upgraded = lastOf(good, p -> p.revision().equals(upgrade) && p.status() == PassStatus.CONVERGED);
        assertThat(upgraded.message()).contains("1 change(s) applied");
        assertThat(loop.stalled(java.time.Instant.now())).as("the loop is alive and on time").isEmpty();
    }

    @Test
    void aPassThatOutlivesItsBudgetIsGivenUpAndRecordedWhileTheOtherTenantConverges() throws Exception {
        repo.write("instances/" + bad + "/components.yml", web("      hooks:\n        before: [{name: wait, command: [sleep, \"3600\"],"
                + " timeout: 24h}]\n"));
        repo.commit("the bad tenant's hook waits an hour");
        startLoop(git, Duration.ofSeconds(4));

        PassRecord givenUp = lastOf(bad, p -> p.status() == PassStatus.INTERNAL);
        assertThat(givenUp.message()).contains("given up after 4s").contains("rollout.passTimeout");
        assertThat(lastOf(good, p -> p.status() == PassStatus.CONVERGED).message()).contains("1 change(s) applied");

        repo.write("instances/" + good + "/inventory.yml", inventory("1.1"));
        String upgrade = repo.commit("the good tenant moves to 1.1");
        lastOf(good, p -> p.revision().equals(upgrade) && p.status() == PassStatus.CONVERGED);
    }

    @Test
    void theReconcileHealthCheckTurnsUnhealthyWhileTheLoopStallsAndHealthyWhenItGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GitSource hanging = holding(git, release);
        startLoop(hanging, Duration.ofSeconds(1));
        ReconcileHealthCheck check = new ReconcileHealthCheck(loop::stalled, Clock.systemUTC());

        HealthCheck.Result stalled = Await.until(Duration.ofSeconds(20), check::execute, r -> !r.isHealthy());
        assertThat(stalled.getMessage()).contains("no reconcile round has completed since the agent started");

        release.countDown();
        Await.until(Duration.ofSeconds(60), check::execute, HealthCheck.Result::isHealthy);
        lastOf(good, p -> p.status() == PassStatus.CONVERGED);
    }

    @Test
    void aLoopNotStartedYetIsHealthyForAsLongAsAFirstRoundIsGivenAndThenSaysSo() {
        // The agent starts its loop once the server answers: the health check may be asked in between.
        ReconcileLoop waiting = loop(git, Duration.ofMinutes(5));
        Instant now = Instant.now();

        assertThat(waiting.stalled(now)).isEmpty();
        assertThat(waiting.stalled(now.plus(INTERVAL).plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .hasValueSatisfying(why -> assertThat(why).startsWith("the reconcile loop has not started since "));
    }

    /** The real repository, whose {@code path} throws an {@code Error} when read (what a defect deep in a parser does). */
    private static GitSource breaking(GitSource real, String path) {
        return new HookedSource(real, () -> { }, read -> {
            if (read.equals(path)) {
                throw new StackOverflowError("simulated: a walk that recursed without end");
            }
        });
    }

    /** The real repository, each of whose fetches waits until {@code hold} is released (a fetch that hangs). */
    private static GitSource holding(GitSource real, CountDownLatch hold) {
        return new HookedSource(real, () -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, read -> { });
    }
}
