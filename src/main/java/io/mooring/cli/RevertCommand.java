package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.Wiring;
import io.mooring.source.SourceException;
import io.mooring.source.TenantRevert;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code mooring revert}: the rollback of a tenant's last change, as a commit (and a push), for operators
 * who prefer not to touch Git by hand; the agents then converge back like after any commit.
 */
public final class RevertCommand extends Command {
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
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String tenant = namespace.getString("tenant");
        if (!tenant.matches("[a-z0-9][a-z0-9_.-]{0,62}")) {
            throw new UsageError("mooring revert: tenant name '" + tenant + "' must be lower-case letters, digits, '_', '.' or '-'");
        }
        TenantRevert.Result result;
        try {
            result = Wiring.revert(namespace.getString("repo"), CommonOptions.gitCredentials(namespace)).revert(tenant, namespace.getBoolean("push"));
        } catch (SourceException e) {
            throw new UserError("mooring: " + e.getMessage());
        }
        System.out.println("reverted " + result.reverted().substring(0, 12) + " (" + result.revertedSubject() + ") for tenant " + tenant
                + ": commit " + result.commit().substring(0, 12) + " in " + result.where()
                + (result.pushed() ? ", pushed" : "; not pushed yet (git push, or run again with --push)"));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        CommonOptions.onError(cli, e);
    }
}
