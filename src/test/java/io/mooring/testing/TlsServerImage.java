package io.mooring.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code demo/tls-server:1.0}: an image FROM scratch holding the host's {@code /usr/bin/openssl} and the shared libraries
 * {@code ldd} lists for it, which runs {@code openssl s_server -www} on port 8443 with the certificate and key Mooring
 * delivers in {@code /etc/tls} ({@code x-mooring.certs: /etc/tls}). Built with the classic builder and pushed to the test
 * registry by the test that needs it; a build of the same files is taken from the engine's cache.
 */
public final class TlsServerImage {
    public static final String IMAGE = TestDocker.REGISTRY + "/demo/tls-server:1.0";
    /** The port the server listens on in its container. */
    public static final int PORT = 8443;
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String DOCKERFILE = """
            FROM scratch
            COPY rootfs/ /
            EXPOSE 8443
            CMD ["/usr/bin/openssl", "s_server", "-accept", "8443", "-cert", "/etc/tls/fullchain.pem", "-key", "/etc/tls/key.pem", "-www"]
            """;

    private TlsServerImage() {
    }

    /** Builds and pushes the image; returns its name. */
    public static String push() throws IOException, InterruptedException {
        Path context = Files.createTempDirectory("tls-server");
        try {
            for (Path file : files()) {
                Path copy = context.resolve("rootfs" + file);
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy); // the file a link points to, under the name the loader asks for
            }
            Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
            docker("build", "-q", "-t", IMAGE, context.toString());
            docker("push", "-q", IMAGE);
            return IMAGE;
        } finally {
            try (Stream<Path> all = Files.walk(context)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** openssl and the libraries it loads, as ldd names them. */
    private static List<Path> files() throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>(List.of(OPENSSL));
        Matcher path = Pattern.compile("(/\\S+)").matcher(run(List.of("ldd", OPENSSL.toString()), false));
        while (path.find()) {
            files.add(Path.of(path.group(1)));
        }
        return files;
    }

    private static void docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        run(command, true);
    }

    private static String run(List<String> command, boolean classicBuilder) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (classicBuilder) {
            builder.environment().put("DOCKER_BUILDKIT", "0");
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
