package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.Engine;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import io.mooring.testing.Http;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import io.mooring.wiring.Wiring;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants' passes at once on the real engine, one port between them: the pass that checked the engine first holds
 * the port until it ends, so the other, checking while the first has not created its container yet, does not take it.
 */
class HostPortClaimsIT {
    private static final String PROBE = "    healthcheck: {disable: true}\n"
            + "    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n";
    private final String run = "hc" + UUID.randomUUID().toString().substring(0, 6);
    private final String acme = run + "-acme";
    private final String globex = run + "-globex";
    private final TestDocker docker = new TestDocker();
    private final AtomicReference<PassRecord> during = new AtomicReference<>();
    private TestRepo repo;
    private GitSource source;
    private DockerEngine engine;
    private Reconciler reconciler;
    private int shared;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        source = Wiring.source(repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine("unix:///var/run/docker.sock");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:claims-" + run + ";DB_CLOSE_DELAY=-1");
        reconciler = new Reconciler(new Reconciler.Ports(source, slowToCreate(), Wiring.store(h2)), "node-a", Clock.systemUTC(),
                Reconciler.Settings.defaults(Duration.ofSeconds(30)));
        shared = Http.freePort();
    }

    /** The engine, except that just before acme's container is created, globex's whole pass runs (and is kept). */
    private Engine slowToCreate() {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class}, (proxy, method, args) -> {
            if (method.getName().equals("create") && args[1].equals(acme + "-web") && during.get() == null) {
                during.set(CompletableFuture.supplyAsync(() -> reconciler.reconcile(globex, null, plan -> { }, Reconciler.Request.AGENT))
                        .get(2, TimeUnit.MINUTES));
            }
            try {
                return method.invoke(engine, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(acme);
        docker.removeTenant(globex);
        docker.close();
        source.close();
        engine.close();
        repo.close();
    }

    private void tenant(String tenant, String ports) throws Exception {
        repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n");
        repo.write("instances/" + tenant + "/components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0")
                + "\n    ports: " + ports + "\n" + PROBE);
    }

    @Test
    void aPortAPassUnderWayIsAboutToPublishIsNotTakenBeforeItsContainerExists() throws Exception {
        tenant(acme, "[\"127.0.0.1:" + shared + ":8080\"]");
        tenant(globex, "[\"" + shared + ":8080\"]");
        repo.commit("two tenants on one port");

        PassRecord first = reconciler.reconcile(acme, null, plan -> { }, Reconciler.Request.AGENT);

        assertThat(first.status()).as(first.message()).isEqualTo(PassStatus.CONVERGED);
        PassRecord second = during.get();
        assertThat(second).as("globex's pass ran while acme's was about to create its container").isNotNull();
        assertThat(second.status()).as(second.message()).isEqualTo(PassStatus.UNAVAILABLE);
        assertThat(second.message()).contains("service web publishes host port 0.0.0.0:" + shared + "/tcp, which tenant " + acme
                + "'s pass under way is about to publish for container " + acme + "-web (127.0.0.1:" + shared + "/tcp)");
        assertThat(docker.tenantContainers(globex)).as("nothing was created").isEmpty();
        assertThat(Http.get("http://127.0.0.1:" + shared + "/")).isEqualTo("web 1.0");
    }
}
