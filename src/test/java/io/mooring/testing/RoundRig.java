package io.mooring.testing;

import io.mooring.engine.Engine;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.PassRecord;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.Selection;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import io.mooring.wiring.Wiring;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What an IT needs to drive the agent's rounds itself on node {@code node-a}: a real Git repository on disk, the
 * real engine, a state database of its own (H2 in memory), and the reconciler the agent would build over them.
 */
public final class RoundRig implements AutoCloseable {
    /** A service's lines after its image: no image health check, a TCP probe on 8080 (the demo image answers at once). */
    public static final String PROBED = "    healthcheck: {disable: true}\n"
            + "    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n";

    public final TestRepo repo;
    public final GitSource source;
    public final DockerEngine engine;
    private final StateStore store;

    /** {@code name} keeps this rig's database apart from every other's. */
    public RoundRig(Path tmp, String name) throws Exception {
        this(tmp, name, "unix:///var/run/docker.sock");
    }

    /** The same, on the engine at {@code dockerHost} (the Swarm test engine's, say). */
    public RoundRig(Path tmp, String name, String dockerHost) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        source = Wiring.source(repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine(dockerHost);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        store = Wiring.store(h2);
    }

    public Reconciler reconciler() {
        return reconciler(engine);
    }

    /** The reconciler, acting through {@code through} (an engine that wraps this rig's, to step in at a chosen call). */
    public Reconciler reconciler(Engine through) {
        return new Reconciler(new Reconciler.Ports(source, through, store), "node-a", Clock.systemUTC(),
                Reconciler.Settings.defaults(Duration.ofSeconds(30)));
    }

    /** A round over every tenant, as the agent runs it: each pass by its tenant. */
    public static Map<String, PassRecord> round(Reconciler reconciler) {
        Map<String, PassRecord> byTenant = new HashMap<>();
        reconciler.reconcileAll(Selection.all(null)).passes().forEach(p -> byTenant.put(p.tenant(), p));
        return byTenant;
    }

    /** What a pass said, its actions' words included. */
    public static String said(PassRecord pass) {
        return pass.message() + " " + pass.actions();
    }

    /** A tenant of node-a whose components.yml is {@code components}, written, not committed. */
    public void write(String tenant, String components) throws Exception {
        repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n");
        repo.write("instances/" + tenant + "/components.yml", components);
    }

    @Override
    public void close() throws Exception {
        source.close();
        engine.close();
        repo.close();
    }
}
