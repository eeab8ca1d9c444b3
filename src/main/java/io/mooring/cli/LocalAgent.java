package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.Wiring;
import io.mooring.engine.Engine;
import io.mooring.model.Guardrails;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.GitSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** What {@code apply} and {@code plan} share: the state database under the home folder, the repository mirror and the engine. */
final class LocalAgent implements AutoCloseable {
    final Path home;
    final Reconciler reconciler;
    private final ManagedDataSource dataSource;
    private final GitSource source;
    private final Engine engine;

    static void options(Subparser parser) {
        CommonOptions.repo(parser);
        parser.addArgument("--tenant").required(true).help("the tenant's folder name under instances/");
        CommonOptions.node(parser);
        parser.addArgument("--ref").help("branch, tag or commit (default: the default branch's head)");
        CommonOptions.home(parser);
        CommonOptions.dockerHost(parser);
    }

    LocalAgent(Namespace namespace, Duration healthTimeout, int parallelism, long minFreeDiskBytes) throws Exception {
        home = CommonOptions.home(namespace);
        dataSource = Wiring.embeddedDatabase(home).build(new MetricRegistry(), "state");
        dataSource.start();
        try {
            source = Wiring.source(namespace.getString("repo"), home);
            engine = Wiring.engine(namespace.getString("docker_host"));
            reconciler = new Reconciler(source, engine, Wiring.store(dataSource), CommonOptions.node(namespace), Clock.systemUTC(),
                    new Reconciler.Settings(Guardrails.defaults(), healthTimeout, parallelism, minFreeDiskBytes, Duration.ZERO));
        } catch (RuntimeException e) {
            dataSource.stop();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try (GitSource s = source; Engine e = engine) {
            // closed in reverse order
        } finally {
            dataSource.stop();
        }
    }
}
