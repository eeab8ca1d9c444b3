package io.mooring.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test images standing in for public ones, served under the public images' own names: the engine fetches docker.io
 * images from the local registry first (scripts/test-env makes it a mirror), so a stand-in pushed as
 * {@code 127.0.0.1:5000/omnileads/omlapp:241121.01} is what {@code docker.io/omnileads/omlapp:241121.01} pulls. A stand-in
 * (src/test/resources/standin) answers HTTP on the ports its image listens on, as started by the built-in definitions.
 */
public final class StandIns {
    private static final Path CONTEXT = Path.of("src/test/resources/standin");

    private StandIns() {
    }

    /**
     * Builds and pushes a stand-in for {@code reference} (a docker.io image, as the deploy tool pins it), listening on
     * {@code ports} when started with its default command; {@code failMigration} makes its migration job fail. Any copy
     * of the image the engine has is removed first, so that the test pulls what it pushed.
     */
    public static void push(String reference, String ports, boolean failMigration) throws IOException, InterruptedException {
        if (!reference.startsWith("docker.io/")) {
            throw new IllegalArgumentException(reference + ": only docker.io images are mirrored from the local registry");
        }
        String path = reference.substring("docker.io/".length());
        String local = TestDocker.REGISTRY + "/" + (path.contains("/") ? path : "library/" + path);
        Path context = Files.createTempDirectory("standin");
        try {
            for (String file : List.of("Dockerfile", "standin.sh")) {
                Files.copy(CONTEXT.resolve(file), context.resolve(file));
            }
            List<String> build = new ArrayList<>(List.of("build", "-q", "-t", local,
                    "--build-arg", "IMAGE=" + reference, "--build-arg", "PORTS=" + ports,
                    "--build-arg", "VERSION=" + reference.substring(reference.lastIndexOf(':') + 1),
                    "--build-arg", "MIGRATION=" + (failMigration ? "fail" : "ok"), context.toString()));
            docker(build);
            docker(List.of("push", "-q", local));
            docker(List.of("rmi", "-f", local));
            forget(reference);
        } finally {
            try (var files = Files.list(context)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(context);
        }
    }

    /** Runs the docker command line with the classic builder, as scripts/test-env builds; fails on a non-zero exit. */
    private static void docker(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "0");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** Removes the engine's copy of {@code reference}, if it has one. */
    public static void forget(String reference) throws InterruptedException, IOException {
        Process process = new ProcessBuilder("docker", "rmi", "-f", reference).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor();
    }
}
