package io.mooring.cli;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code mooring server CONFIG.yml}: Dropwizard's, except that an invalid configuration is printed as Dropwizard
 * lists it, every error with its field, without the stack trace under it.
 */
public final class ServerCommand<T extends Configuration> extends io.dropwizard.core.cli.ServerCommand<T> {
    public ServerCommand(Application<T> application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ConfigurationException) {
            cli.getStdErr().println(e.getMessage().strip());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
