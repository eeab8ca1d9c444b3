package io.mooring.cli;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.config.AgentConfig;
import io.mooring.engine.FileFolder;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code mooring server CONFIG.yml}: Dropwizard's, except that an invalid configuration is printed as Dropwizard
 * lists it, every error with its field, without the stack trace under it (so is a {@code secrets.filesDir} it cannot use);
 * and the configuration is told its file.
 */
public final class ServerCommand<T extends Configuration> extends io.dropwizard.core.cli.ServerCommand<T> {
    public ServerCommand(Application<T> application) {
        super(application);
    }

    /** The configuration learns which file it was read from: the agent's folders are never mountable, that one included. */
    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, T configuration) throws Exception {
        String file = namespace.getString("file");
        if (file != null && configuration instanceof AgentConfig agent) {
            agent.readFrom(Path.of(file));
        }
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ConfigurationException || e instanceof FileFolder.Unusable) {
            cli.getStdErr().println(e.getMessage().strip());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
