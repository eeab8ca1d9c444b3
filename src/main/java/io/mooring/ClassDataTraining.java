package io.mooring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The runs the class-data sharing archives ({@code mooring.jsa} and {@code mooring-agent.jsa}, beside the jar) are made
 * from when the jar is packaged (src/build/cds-training.sh: the commands' from the list of what their run loaded, the
 * agent's from its run's). The commands' run: in a scratch folder holding a two-commit repository
 * ({@code repo}), it validates and reviews it, starts an apply on an engine that has nothing and knows nothing
 * ({@link TrainingEngine}), then starts the agent on loopback on that engine (making its home), asks each of its pages
 * once and exits. The agent's run (a second argument {@code agent}): the agent alone, started again on that home as
 * after a restart. A step that fails only loads fewer classes.
 */
public final class ClassDataTraining {
    private static final String NO_ENGINE = "unix:///nonexistent/mooring-training.sock";
    private static final String TOKEN = "training-token-not-a-secret-0123456789";

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        String repo = dir.resolve("repo").toString();
        String engine = TrainingEngine.start(dir).orElse(NO_ENGINE);
        if (args.length < 2 || !args[1].equals("agent")) {
            command("validate", repo);
            command("plan", "--repo", repo, "--base", "HEAD~1");
            // Twice: the second as every apply but a host's first, on a home whose database and mirror are there.
            for (int run = 0; run < 2; run++) {
                command("apply", "--repo", repo, "--tenant", "training", "--node", "training", "--docker-host", engine,
                        "--home", dir.resolve("apply").toString());
            }
        }
        agent(dir, repo, engine);
        System.exit(0);
    }

    /** One command as the launcher runs it, except that its failure does not end this run. */
    private static void command(String... args) {
        MooringApplication.command(io.mooring.cli.CommandLine.of(args).orElseThrow(), args)
                .ifPresent(e -> System.out.println("training: mooring " + args[0] + " failed, as it may here: " + e));
    }

    /** The agent started on two free loopback ports, each of its pages asked once. */
    private static void agent(Path dir, String repo, String engine) throws Exception {
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
                """.formatted(repo, dir.resolve("agent"), engine, token, files.resolve("files"), port, admin));
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
        for (long end = System.nanoTime() + Duration.ofSeconds(15).toNanos(); System.nanoTime() < end; Thread.sleep(100)) {
            try {
                if (get(port, "/api/passes").contains("training")) {
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
    private static void askEachPage(int port, int admin) {
        ask(admin, "/healthcheck");
        ask(admin, "/metrics");
        ask(port, "/");
        ask(port, "/api/passes");
        ask(port, "/api/tenants");
    }

    private static void ask(int port, String path) {
        String page = "127.0.0.1:" + port + path;
        try {
            System.out.println("training: " + page + " " + get(port, path).lines().findFirst().orElse("(no answer)"));
        } catch (IOException e) {
            System.out.println("training: " + page + " did not answer: " + e);
        }
    }

    /**
     * One GET on loopback, the whole response as text: over a plain socket, as the JDK's HTTP client would put its own
     * classes (and TLS's, which it sets up at once) into the archive, 700 classes the agent never loads.
     */
    private static String get(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
