package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.Http;
import io.mooring.testing.ReadmeCommand;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestDocker;
import io.mooring.wiring.Build;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's container image, as this build pushed it (pom.xml's test-image execution, from the stand-in base image of
 * scripts/test-env-jre), run by README.md's own {@code docker run} line ("The container image") against the machine's
 * engine. Only what must differ in a test is put in: the image, the container's name, the host folders of
 * {@code /etc/mooring} and {@code /var/lib/mooring} (the agent hands neither to the engine), and the test's Git
 * repository, mounted read-only at its own path; {@code /run/mooring} stays the host's, at the same path. The agent in
 * the container must converge a tenant whose container mounts a secret file and passes an HTTP probe.
 */
class ContainerImageIT {
    private static final String IMAGE = System.getProperty("mooring.image", "127.0.0.1:5000/mooring/agent:development");
    private static final String VERSION = System.getProperty("mooring.version", "development");
    private static final Path FILES = Path.of("/run/mooring/files");
    private final String name = "mooring-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secret = "s3cr3t-" + UUID.randomUUID();
    private TenantFixture it;
    private Path tmp;

    @BeforeAll
    static void pull() throws Exception {
        try {
            TestDocker.cli("pull", "-q", IMAGE);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(IMAGE + " is not in the test registry: pom.xml's test-image execution pushes it in"
                    + " pre-integration-test, which Maven's offline mode (-o) skips; push it with an online"
                    + " `mvn compile jib:build@test-image` (" + e.getMessage() + ")", e);
        }
    }

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        it = new TenantFixture(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            TestDocker.cli("rm", "-f", name);
        } catch (IllegalStateException e) {
            // never started
        }
        it.close();
        Path files = FILES.resolve(it.tenant);
        if (Files.exists(files)) {
            try (Stream<Path> all = Files.walk(files)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void theVersionAndAOneOffCommandRunInTheImageThisBuildPushed() throws Exception {
        String version = TestDocker.cli("run", "--rm", IMAGE, "--version");
        Matcher said = Pattern.compile("mooring " + Pattern.quote(VERSION) + "\ncommit ([0-9a-f]{40})( \\(built with uncommitted changes\\))?")
                .matcher(version);
        assertThat(said.matches()).as("`docker run --rm IMAGE --version` said: " + version).isTrue();
        assertThat(said.group(1)).as("the image's commit is this build's: an image left by an earlier build is not tested"
                + " (Maven's offline mode skips the push: run `mvn compile jib:build@test-image` online)").isEqualTo(Build.current().commit());

        commit();
        String repo = it.repo.dir().toString();
        String validate = TestDocker.cli("run", "--rm", "-v", repo + ":" + repo + ":ro", IMAGE, "validate", repo);
        assertThat(validate).as("`mooring validate` of the tenant's repository in the image").contains(it.tenant);
    }

    @Test
    void theReadmesDockerRunLineConvergesATenantThroughTheSocket() throws Exception {
        commit();
        int port = Http.freePort();
        int adminPort = Http.freePort();
        String token = "test-" + UUID.randomUUID();
        Path etc = configuration(port, adminPort, token);
        Path home = Files.createDirectories(tmp.resolve("state"));
        String repo = it.repo.dir().toString();

        ReadmeCommand line = ReadmeCommand.under("### The container image", "docker run -d")
                .withOption("--name", name)
                .withVolumeSource(Map.of("/etc/mooring", etc.toString(), "/var/lib/mooring", home.toString()))
                .withLast(image -> IMAGE, "-v", repo + ":" + repo + ":ro");
        assertThat(line.volumeSources()).as("the README's line, as run: " + line).contains("/run/mooring", "/var/run/docker.sock");
        List<String> words = line.words();
        TestDocker.cli(words.subList(1, words.size()).toArray(String[]::new));

        String admin = "http://127.0.0.1:" + adminPort;
        String api = "http://127.0.0.1:" + port;
        whileLogged(() -> Await.until(Duration.ofSeconds(90),
                () -> it.page("/") + " | " + Http.get(api + "/api/passes?tenant=" + it.tenant, "Authorization", "Bearer " + token),
                seen -> seen.startsWith("web 1.0 | ") && seen.contains("CONVERGED")));
        whileLogged(() -> Await.until(Duration.ofSeconds(60), () -> Http.status(admin + "/healthcheck"), seen -> seen.startsWith("200 ")));

        assertThat(it.containers()).as("the tenant's container, made by the agent in the container")
                .containsExactly(it.tenant + "-web " + TestDocker.image("1.0") + " running");
        assertThat(TestDocker.cli("exec", it.tenant + "-web", "cat", "/run/secrets/token"))
                .as("the secret file the agent wrote in /run/mooring/files, mounted by the engine from the host").isEqualTo(secret);
        assertThat(TestDocker.cli("inspect", "-f", "{{.Config.Image}} {{.State.Running}}", name)).isEqualTo(IMAGE + " true");
    }

    /** The tenant: the demo web service with a secret file, its readiness proven by an HTTP probe from the agent. */
    private void commit() throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"1.0\"}\n");
        it.repo.write("instances/" + it.tenant + "/token.txt", secret);
        it.repo.write("instances/" + it.tenant + "/components.yml", it.webComponents() + """
                    secrets: [token]
                    x-mooring:
                      probe: {http: {port: 8080, path: /}, timeout: 30s, interval: 1s}
                secrets:
                  token: {file: token.txt}
                """);
        it.repo.commit("web 1.0");
    }

    /** The folder mounted at /etc/mooring: the agent's configuration (as the agent reads it inside) and its API token. */
    private Path configuration(int port, int adminPort, String token) throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path tokenFile = Files.writeString(etc.resolve("api-token"), token + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(etc.resolve("mooring.yml"), """
                repo: %s
                node: node-a
                home: /var/lib/mooring
                interval: 1s
                healthTimeout: 30s
                api: {tokenFile: /etc/mooring/api-token}
                server:
                  requestLog: {appenders: []}
                  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
                logging:
                  level: INFO
                """.formatted(it.repo.dir(), port, adminPort));
        return etc;
    }

    /** Runs a wait; when it fails, the failure carries the agent container's log. */
    private void whileLogged(Runnable wait) throws Exception {
        try {
            wait.run();
        } catch (AssertionError e) {
            String log;
            try {
                log = TestDocker.cli("logs", "--tail", "80", name);
            } catch (IllegalStateException gone) {
                log = gone.getMessage();
            }
            throw new AssertionError(e.getMessage() + "\nthe agent container's log:\n" + log, e);
        }
    }
}
