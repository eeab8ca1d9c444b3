package io.mooring;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The run the class-data sharing archive ({@code mooring.jsa}, beside the jar) is made from when the jar is packaged
 * (src/build/cds-training.sh starts it with {@code -XX:ArchiveClassesAtExit}): in one JVM, what the agent and the
 * everyday commands load. In a scratch folder holding a two-commit repository ({@code repo}), it validates and reviews
 * it, starts an apply that stops at a Docker socket that is not there, then starts the agent on loopback, asks each of
 * its pages once and exits. A step that fails (there is no engine) only loads fewer classes.
 */
public final class ClassDataTraining {
    private static final String NO_ENGINE = "unix:///nonexistent/mooring-training.sock";
    private static final String TOKEN = "training-token-not-a-secret-0123456789";

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        String repo = dir.resolve("repo").toString();
        command("validate", repo);
        command("plan", "--repo", repo, "--base", "HEAD~1");
        command("apply", "--repo", repo, "--tenant", "training", "--node", "training", "--docker-host", NO_ENGINE,
                "--home", dir.resolve("apply").toString());
        agent(dir, repo);
        System.exit(0);
    }

    /** One command as the launcher runs it, except that its failure does not end this run. */
    private static void command(String... args) {
        MooringApplication.command(io.mooring.cli.CommandLine.of(args).orElseThrow(), args)
                .ifPresent(e -> System.out.println("training: mooring " + args[0] + " failed, as it may here: " + e));
    }

    /** The agent started on two free loopback ports, each of its pages asked once. */
    private static void agent(Path dir, String repo) throws Exception {
        int port = freePort();
        int admin = freePort();
        Path token = Files.writeString(dir.resolve("api-token"), TOKEN + "\n");
        // The secrets' files on a tmpfs of the run's own, never the agent's /run/mooring/files, which an installed
        // agent's user must own.
        Path shm = Path.of("/dev/shm");
        Path files = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "mooring-training-") : dir.resolve("files-parent");
        Path file = Files.writeString(dir.resolve("agent.yml"), """
                repo: %s
                node: training
                home: %s
                dockerHost: %s
                api: {tokenFile: %s}
                secrets: {filesDir: %s}
                server:
                  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                logging:
                  level: WARN
                """.formatted(repo, dir.resolve("agent"), NO_ENGINE, token, files.resolve("files"), port, admin));
        try {
            new Training().run("server", file.toString());
            awaitFirstPass(port);
            askEachPage(port, admin);
        } finally {
            deleteAll(files);
        }
    }

    /** Until the agent's first pass (it starts a moment after the server) is in its history, for at most 15 s. */
    private static void awaitFirstPass(int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest passes = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/passes"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build();
        for (long end = System.nanoTime() + Duration.ofSeconds(15).toNanos(); System.nanoTime() < end; Thread.sleep(100)) {
            try {
                if (http.send(passes, HttpResponse.BodyHandlers.ofString()).body().contains("training")) {
                    return;
                }
            } catch (IOException e) {
                System.out.println("training: the agent did not answer: " + e);
                return;
            }
        }
        System.out.println("training: no pass in 15 s");
    }

    /** Each page once; one that does not answer (the agent could not start here) is only said. */
    private static void askEachPage(int port, int admin) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String page : new String[] {"http://127.0.0.1:" + admin + "/healthcheck", "http://127.0.0.1:" + admin + "/metrics",
                "http://127.0.0.1:" + port + "/", "http://127.0.0.1:" + port + "/api/passes", "http://127.0.0.1:" + port + "/api/tenants"}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(page)).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(30)).build();
            try {
                System.out.println("training: " + page + " " + http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                System.out.println("training: " + page + " did not answer: " + e);
            }
        }
    }

    private static void deleteAll(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The application, but a failed command is reported to the run instead of ending the JVM. */
    private static final class Training extends MooringApplication {
        @Override
        protected void onFatalError(Throwable t) {
            System.out.println("training: ended with " + t);
        }
    }
}
