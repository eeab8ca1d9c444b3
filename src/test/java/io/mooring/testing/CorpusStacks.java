package io.mooring.testing;

import io.mooring.model.PassRecord;
import io.mooring.reconcile.Reconciler;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Stacks of the Compose corpus (src/test/resources/compose) committed as they are written, but for their images: every
 * image reference is mapped to compose/standin, a busybox image built here that serves HTTP, answers the corpus's health
 * checks and stands in for a migration when told to migrate. One agent's rounds apply them on the real engine; closing
 * removes the tenants' containers, volumes and networks.
 */
public final class CorpusStacks implements AutoCloseable {
    public static final Path CORPUS = Path.of("src/test/resources/compose");
    public static final String STANDIN = TestDocker.REGISTRY + "/compose/standin";

    public final String run = "cc" + UUID.randomUUID().toString().substring(0, 6);
    public final TestDocker docker = new TestDocker();
    public final RoundRig rig;
    private final Reconciler reconciler;
    private final List<String> stacks;

    public CorpusStacks(Path tmp, String... stacks) throws Exception {
        this.rig = new RoundRig(tmp, "compose-" + run);
        this.reconciler = rig.reconciler();
        this.stacks = List.of(stacks);
    }

    /** Builds and pushes the stand-in image of each version ("broken": health checks fail; "migrate-fails"). */
    public static void buildStandIns(String... versions) throws Exception {
        for (String version : versions) {
            ProcessBuilder builder = new ProcessBuilder("docker", "build", "-q", "--build-arg", "VERSION=" + version, "-t",
                    STANDIN + ":" + version, "src/test/resources/compose-standin").redirectErrorStream(true);
            builder.environment().put("DOCKER_BUILDKIT", "0");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("docker build failed: " + out);
            }
            TestDocker.cli("push", "-q", STANDIN + ":" + version);
        }
    }

    public String tenant(String stack) {
        return run + "-" + stack;
    }

    /** The stack's files in the tenant's folder, each image mapped to the stand-in of {@code version}, health checks made brisk. */
    public String commit(String stack, String version, Map<String, String> vars) throws Exception {
        Path dir = CORPUS.resolve(stack);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                if (relative.equals("inventory.yml")) {
                    continue;
                }
                String text = Files.readString(file);
                if (relative.endsWith(".yml")) {
                    text = text.replaceAll("(?m)^(\\s+image:) .*$", "$1 " + STANDIN + ":" + version);
                    // Health checks as often as the stand-in can answer them: a rollout waits for healthy, a broken one for unhealthy.
                    text = text.replaceAll("(?m)^(\\s+)(interval|start_period|start_interval): .*$", "$1$2: 1s")
                            .replaceAll("(?m)^(\\s+retries:) .*$", "$1 2");
                }
                rig.repo.write("instances/" + tenant(stack) + "/" + relative, text);
            }
        }
        StringBuilder inventory = new StringBuilder("all:\n  hosts:\n    node-a: {}\n  vars:\n");
        vars.forEach((name, value) -> inventory.append("    ").append(name).append(": \"").append(value).append("\"\n"));
        rig.repo.write("instances/" + tenant(stack) + "/inventory.yml", inventory.toString());
        return rig.repo.commit(stack + " on stand-in " + version);
    }

    /** One round of the agent; the stack's pass. */
    public PassRecord pass(String stack) {
        return RoundRig.round(reconciler).get(tenant(stack));
    }

    /** A command run in the stack's service's container; what it printed. */
    public String in(String stack, String service, String... command) throws Exception {
        String[] args = Stream.concat(Stream.of("exec", tenant(stack) + "-" + service), Stream.of(command)).toArray(String[]::new);
        return TestDocker.cli(args);
    }

    /** The stand-in version the service's container serves. */
    public String version(String stack, String service) throws Exception {
        return in(stack, service, "cat", "/www/index.html");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (String stack : stacks) {
            String tenant = tenant(stack);
            docker.removeTenant(tenant, TestDocker.cli("volume", "ls", "-q", "--filter", "label=io.mooring.tenant=" + tenant)
                    .lines().filter(l -> !l.isBlank()).toArray(String[]::new));
            for (String network : docker.networkNames()) {
                if (network.startsWith("mooring-" + tenant + "-N-")) {
                    docker.removeNetwork(network);
                }
            }
        }
        docker.close();
        rig.close();
    }
}
