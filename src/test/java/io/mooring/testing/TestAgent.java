package io.mooring.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.dropwizard.testing.DropwizardTestSupport;
import io.mooring.MooringApplication;
import io.mooring.MooringConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * {@code mooring server} in the test's JVM, as node-a of a repository, on ports of its own on loopback,
 * logging warnings only; {@code settings} adds the test's own blocks (interval, git:, webhooks:, ...).
 */
public final class TestAgent implements AutoCloseable {
    private final DropwizardTestSupport<MooringConfiguration> agent;

    public TestAgent(Path configFile, String repo, Path home, String settings) throws Exception {
        Files.writeString(configFile, "repo: " + repo + "\nnode: node-a\nhome: " + home + "\n" + settings + """
                server:
                  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                logging:
                  level: WARN
                """);
        agent = new DropwizardTestSupport<>(MooringApplication.class, configFile.toString());
        agent.before();
    }

    /** An address of the agent's API: {@code path} starts with /api. */
    public String url(String path) {
        return "http://127.0.0.1:" + agent.getLocalPort() + path;
    }

    /** An address of the agent's admin port: {@code /healthcheck}, {@code /metrics}. */
    public String adminUrl(String path) {
        return "http://127.0.0.1:" + agent.getAdminPort() + path;
    }

    public int adminPort() {
        return agent.getAdminPort();
    }

    @Override
    public void close() {
        agent.after();
        // Stopping the agent resets logback, which leaves every logger at DEBUG for the tests that follow in this
        // JVM (the HTTP clients' wire logs included); load logback-test.xml again.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException("cannot reload the test logging configuration", e);
        }
    }
}
