package io.mooring.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code mooring server} as a process of its own, started from the shaded jar as its service would start it, for what
 * an agent in the test's JVM cannot show: a {@code kill -9} ({@link #kill}), then a start again with the same file and
 * home ({@link #restart}). Its configuration is written as {@link TestAgent}'s, on fixed free ports; what it prints
 * goes to {@code agent.log} beside that file.
 */
public final class AgentProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AgentFile file;
    private final int port;
    private final int adminPort;
    private final Map<String, String> environment;
    private Process process;

    private AgentProcess(AgentFile file, int port, int adminPort, Map<String, String> environment) {
        this.file = file;
        this.port = port;
        this.adminPort = adminPort;
        this.environment = Map.copyOf(environment);
    }

    /** Writes the agent's file and starts it; returns once its admin port answers. */
    public static AgentProcess start(Path configFile, String repo, String node, Path home, String settings) throws Exception {
        return start(configFile, repo, node, home, settings, Map.of());
    }

    /** As {@link #start(Path, String, String, Path, String)}, the agent's environment with {@code environment} too. */
    public static AgentProcess start(Path configFile, String repo, String node, Path home, String settings,
            Map<String, String> environment) throws Exception {
        int port = Http.freePort();
        int adminPort = Http.freePort();
        AgentProcess agent = new AgentProcess(AgentFile.write(configFile, repo, node, home, settings, port, adminPort), port, adminPort,
                environment);
        agent.restart();
        return agent;
    }

    /** Starts the agent again (after {@link #kill} or {@link #close}) with the same file; returns once it answers. */
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the agent of " + file.file() + " runs already (pid " + process.pid() + ")");
        }
        List<String> command = MooringCli.launcher("server", file.file().toString());
        Path log = file.file().resolveSibling("agent.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(MooringCli.launcherEnvironment());
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the agent of " + file.file() + " did not start:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private boolean answers() throws InterruptedException {
        try {
            HttpRequest ping = HttpRequest.newBuilder(URI.create(adminUrl("/ping"))).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the agent has printed so far, over all its starts. */
    public String log() throws IOException {
        return Files.readString(file.file().resolveSibling("agent.log"));
    }

    /** The operating system's id of the running agent. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: the agent ends at once, without its shutdown hooks, holding whatever it held. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** An address of the agent's API: {@code path} starts with /api. */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The body of a GET of the agent's API, with the agent's token when the test gave it one. */
    public String get(String path) {
        Optional<String> token = file.token();
        return token.map(t -> Http.get(url(path), "Authorization", "Bearer " + t)).orElseGet(() -> Http.get(url(path)));
    }

    /** An address of the agent's admin port: {@code /healthcheck}, {@code /metrics}. */
    public String adminUrl(String path) {
        return "http://127.0.0.1:" + adminPort + path;
    }

    /** Stops the agent as its service manager would (SIGTERM), waiting for it to end. */
    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
