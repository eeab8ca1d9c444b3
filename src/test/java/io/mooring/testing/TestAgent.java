package io.mooring.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.dropwizard.testing.DropwizardTestSupport;
import io.mooring.MooringApplication;
import io.mooring.MooringConfiguration;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code mooring server} in the test's JVM, as node-a of a repository (or a node the test names), on ports of its own on loopback,
 * logging warnings only; {@code settings} adds the test's own blocks (interval, git:, webhooks:, ...). Unless they
 * hold an {@code api:} block of their own, the agent gets a token file, which {@link #get} sends.
 */
public final class TestAgent implements AutoCloseable {
    private final DropwizardTestSupport<MooringConfiguration> agent;
    private final Optional<String> token;

    public TestAgent(Path configFile, String repo, Path home, String settings) throws Exception {
        this(configFile, repo, "node-a", home, settings);
    }

    /** The agent as node {@code node}: agents of a cluster, sharing a database (and, in tests, an engine). */
    public TestAgent(Path configFile, String repo, Path home, String node, String settings) throws Exception {
        this(configFile, repo, node, home, settings);
    }

    /** The agent of node {@code node}: a fleet test starts one per node, each with its own {@code dockerHost:} in {@code settings}. */
    public TestAgent(Path configFile, String repo, String node, Path home, String settings) throws Exception {
        AgentFile file = AgentFile.write(configFile, repo, node, home, settings, 0, 0);
        token = file.token();
        agent = new DropwizardTestSupport<>(MooringApplication.class, configFile.toString());
        agent.before();
    }

    /** An address of the agent's API: {@code path} starts with /api. */
    public String url(String path) {
        return "http://127.0.0.1:" + agent.getLocalPort() + path;
    }

    /** The body of a GET of the agent's API ({@code path} starts with /api), with the agent's token when the test gave it one. */
    public String get(String path) {
        return token.map(t -> Http.get(url(path), "Authorization", "Bearer " + t)).orElseGet(() -> Http.get(url(path)));
    }

    /** The API token the test gave the agent, unless its settings held an {@code api:} block of their own. */
    public Optional<String> token() {
        return token;
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
