package io.mooring.cli;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.mooring.config.AgentConfig;
import java.io.IOException;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * {@code --config FILE}: the agent's configuration, read exactly as {@code mooring server} reads it (the
 * application's configuration class, its factory, validator and object mapper), so that a command and the
 * agent cannot disagree. An invalid file is a usage error (exit 2), every error listed with its field.
 */
final class AgentFile {
    private AgentFile() {
    }

    static void option(Subparser parser) {
        parser.addArgument("--config").metavar("FILE")
                .help("the agent's configuration file (e.g. /etc/mooring/mooring.yml): its repo, ref, node, home, dockerHost,"
                        + " Git and registry credentials, guardrails, rollout, signature and backup settings apply;"
                        + " options given here win");
    }

    static Optional<AgentConfig> load(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        String path = namespace.getString("config");
        return path == null ? Optional.empty() : Optional.of(load(bootstrap.get(), path));
    }

    private static <T extends Configuration> AgentConfig load(Bootstrap<T> bootstrap, String path) {
        Class<T> type = bootstrap.getApplication().getConfigurationClass();
        ConfigurationFactory<T> factory = bootstrap.getConfigurationFactoryFactory()
                .create(type, bootstrap.getValidatorFactory().getValidator(), bootstrap.getObjectMapper(), "dw");
        T config;
        try {
            config = factory.build(bootstrap.getConfigurationSourceProvider(), path);
        } catch (ConfigurationException e) {
            throw new UsageError("mooring: " + e.getMessage().strip());
        } catch (IOException e) {
            throw new UsageError("mooring: --config " + path + " cannot be read: " + e.getMessage());
        }
        if (config instanceof AgentConfig agent) {
            agent.readFrom(java.nio.file.Path.of(path));
            return agent;
        }
        throw new IllegalStateException(type.getName() + " does not implement " + AgentConfig.class.getName());
    }
}
