package io.mooring.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test images standing in for public ones, served under the public images' own names: the engine fetches docker.io
 * images from the mirror registry first (scripts/test-env makes it so), so a stand-in pushed there as
 * {@code omnileads/omlapp:241121.01} is what {@code docker.io/omnileads/omlapp:241121.01} pulls. A stand-in
 * (src/test/resources/standin) answers HTTP on the ports its image listens on, as started by the built-in definitions.
 * {@link #remove} empties the mirror again, so that no other pull on the machine ever gets a stand-in.
 */
public final class StandIns {
    /** The registry the engine mirrors docker.io from (scripts/test-env). */
    public static final String MIRROR = "127.0.0.1:5002";
    private static final Path CONTEXT = Path.of("src/test/resources/standin");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StandIns() {
    }

    /** Fails, saying how to fix it, unless the engine mirrors docker.io from {@link #MIRROR}. */
    public static void requireMirror() throws IOException, InterruptedException {
        String mirrors = TestDocker.cli("info", "--format", "{{json .RegistryConfig.Mirrors}}");
        if (!mirrors.contains(MIRROR)) {
            throw new IllegalStateException("the engine does not mirror docker.io from " + MIRROR + " (its mirrors: " + mirrors
                    + "); run scripts/test-env as root");
        }
    }

    /**
     * Builds and pushes a stand-in for {@code reference} (a docker.io image, as the deploy tool pins it), listening on
     * {@code ports} when started with its default command; {@code failMigration} makes its migration job fail. The
     * engine's copy of the name, if any, is removed first, so that the test pulls what it pushed.
     */
    public static void push(String reference, String ports, boolean failMigration) throws IOException, InterruptedException {
        String local = MIRROR + "/" + path(reference);
        Path context = Files.createTempDirectory("standin");
        try {
            for (String file : List.of("Dockerfile", "standin.sh")) {
                Files.copy(CONTEXT.resolve(file), context.resolve(file));
            }
            docker(List.of("build", "-q", "-t", local, "--build-arg", "IMAGE=" + reference, "--build-arg", "PORTS=" + ports,
                    "--build-arg", "VERSION=" + reference.substring(reference.lastIndexOf(':') + 1),
                    "--build-arg", "MIGRATION=" + (failMigration ? "fail" : "ok"), context.toString()));
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

    /** Deletes the stand-in for {@code reference} from the mirror and the engine's copy of it. */
    public static void remove(String reference) throws IOException, InterruptedException {
        String path = path(reference);
        String tag = reference.substring(reference.lastIndexOf(':') + 1);
        String repository = path.substring(0, path.lastIndexOf(':'));
        URI manifest = URI.create("http://" + MIRROR + "/v2/" + repository + "/manifests/" + tag);
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(manifest).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(), HttpResponse.BodyHandlers.discarding());
        var digest = head.headers().firstValue("Docker-Content-Digest");
        if (head.statusCode() == 200 && digest.isPresent()) {
            HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + MIRROR + "/v2/" + repository
                    + "/manifests/" + digest.get())).DELETE().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (deleted.statusCode() / 100 != 2) {
                throw new IllegalStateException("the mirror kept " + reference + ": HTTP " + deleted.statusCode() + " " + deleted.body());
            }
        }
        forget(reference);
    }

    /** The repository path and tag under which the mirror serves {@code reference}. */
    private static String path(String reference) {
        if (!reference.startsWith("docker.io/")) {
            throw new IllegalArgumentException(reference + ": only docker.io images are mirrored");
        }
        String path = reference.substring("docker.io/".length());
        return path.contains("/") ? path : "library/" + path;
    }

    /** Runs the docker command line with the classic builder, as scripts/test-env builds; fails on a non-zero exit. */
    private static void docker(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_BUILDKIT", "0");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** Removes the engine's copy of {@code reference}, if it has one. */
    private static void forget(String reference) throws InterruptedException, IOException {
        Process process = new ProcessBuilder("docker", "rmi", "-f", reference).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor();
    }
}
