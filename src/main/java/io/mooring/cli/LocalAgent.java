package io.mooring.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.mooring.Wiring;
import io.mooring.engine.Engine;
import io.mooring.model.Guardrails;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.TenantBackups;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
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
        options(parser, true);
    }

    static void options(Subparser parser, boolean tenantRequired) {
        CommonOptions.repo(parser);
        parser.addArgument("--tenant").required(tenantRequired).help("the tenant's folder name under instances/");
        CommonOptions.node(parser);
        parser.addArgument("--ref").help("branch, tag or commit (default: the default branch's head)");
        CommonOptions.home(parser);
        CommonOptions.dockerHost(parser);
        CommonOptions.gitCredentials(parser);
        parser.addArgument("--allow-folder").action(net.sourceforge.argparse4j.impl.Arguments.append())
                .help("a host folder under which bind mounts and backup folders may be, as the agent's guardrails.bindMounts"
                        + " (repeat it; none by default)");
    }

    /** The agent's default guardrails, with the folders this command line allows. */
    static Guardrails guardrails(Namespace namespace) {
        java.util.List<String> allowed = namespace.getList("allow_folder");
        return Guardrails.defaults().withBindMounts(allowed == null ? java.util.List.of() : allowed);
    }

    LocalAgent(Namespace namespace, Duration healthTimeout, int parallelism, long minFreeDiskBytes) throws Exception {
        this(namespace, healthTimeout, parallelism, minFreeDiskBytes, SignaturePolicy.OFF);
    }

    LocalAgent(Namespace namespace, Duration healthTimeout, int parallelism, long minFreeDiskBytes, SignaturePolicy signatures)
            throws Exception {
        home = CommonOptions.home(namespace);
        dataSource = Wiring.embeddedDatabase(home).build(new MetricRegistry(), "state");
        dataSource.start();
        try {
            source = Wiring.source(namespace.getString("repo"), home, CommonOptions.gitCredentials(namespace), 0);
            engine = Wiring.engine(namespace.getString("docker_host"));
            TenantBackups backups = new TenantBackups(Wiring::bucket, TenantBackups.Options.defaults(home.resolve("backups")),
                    Clock.systemUTC());
            reconciler = new Reconciler(new Reconciler.Ports(source, engine, Wiring.store(dataSource), java.util.Optional.of(backups)),
                    CommonOptions.node(namespace), Clock.systemUTC(),
                    new Reconciler.Settings(guardrails(namespace), healthTimeout, parallelism, minFreeDiskBytes, Duration.ZERO, signatures));
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
