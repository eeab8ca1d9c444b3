package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.source.GitCredentials;
import io.mooring.source.TenantRevert;
import io.mooring.wiring.Wiring;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * {@code mooring revert}: the rollback of a tenant's last change, as a commit (and a push), for operators
 * who prefer not to touch Git by hand; the agents then converge back like after any commit.
 */
public final class RevertCommand extends MooringCommand<RevertCommand.Options> {
    record Options(String repo, String tenant, boolean push, GitCredentials git) {
        static Options from(Namespace namespace) {
            String tenant = namespace.getString("tenant");
            if (!tenant.matches("[a-z0-9][a-z0-9_.-]{0,62}")) {
                throw new UsageError("mooring revert: tenant name '" + tenant + "' must be lower-case letters, digits, '_', '.' or '-'");
            }
            return new Options(namespace.getString("repo"), tenant, namespace.getBoolean("push"), CommonOptions.gitCredentials(namespace));
        }
    }

    public RevertCommand() {
        super("revert", "Commit (and with --push, push) the revert of a tenant's last change in the config repository");
    }

    @Override
    public void configure(Subparser parser) {
        parser.addArgument("--repo").required(true)
                .help("a working copy of the config repository (changed in place), or an address to clone (then --push is needed)");
        parser.addArgument("--tenant").required(true).help("the tenant's folder name under instances/");
        parser.addArgument("--push").action(Arguments.storeTrue()).help("push the revert to the branch's upstream");
        CommonOptions.gitCredentials(parser);
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        return Options.from(namespace);
    }

    @Override
    protected void run(Options options) {
        TenantRevert.Result result = Wiring.revert(options.repo(), options.git()).revert(options.tenant(), options.push());
        System.out.println("reverted " + result.reverted().substring(0, 12) + " (" + result.revertedSubject() + ") for tenant "
                + options.tenant() + ": commit " + result.commit().substring(0, 12) + " in " + result.where()
                + (result.pushed() ? ", pushed" : "; not pushed yet (git push, or run again with --push)"));
    }
}
