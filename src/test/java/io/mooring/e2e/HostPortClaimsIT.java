package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.engine.Engine;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.Http;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants' passes at once on the real engine, one port between them: the pass that checked the engine first holds
 * the port until it ends, so the other, checking while the first has not created its container yet, does not take it.
 */
class HostPortClaimsIT {
    private static final String PROBE = RoundRig.PROBED;
    private final String run = "hc" + UUID.randomUUID().toString().substring(0, 6);
    private final String acme = run + "-acme";
    private final String globex = run + "-globex";
    private final TestDocker docker = new TestDocker();
    private final AtomicReference<PassRecord> during = new AtomicReference<>();
    private RoundRig rig;
    private TestRepo repo;
    private Reconciler reconciler;
    private int shared;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, "claims-" + run);
        repo = rig.repo;
        reconciler = rig.reconciler(slowToCreate());
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
                return method.invoke(rig.engine, args);
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
        rig.close();
    }

    private void tenant(String tenant, String ports) throws Exception {
        rig.write(tenant, "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n    ports: " + ports + "\n" + PROBE);
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
