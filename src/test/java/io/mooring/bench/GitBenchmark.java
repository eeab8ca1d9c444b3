package io.mooring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.wiring.Wiring;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.PassRecord;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.Selection;
import io.mooring.source.GitCredentials;
import io.mooring.source.GitSource;
import io.mooring.source.WebhookVerifier;
import io.mooring.testing.GitHttpServer;
import io.mooring.testing.Http;
import io.mooring.testing.TestAgent;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git side's two costs, printed: a poll when nothing changed, for 100 tenants that have converged
 * (the agent's steady state: the remote's refs are asked for, each tenant's key compared), over a
 * token-authenticated smart-HTTP server and from a local path; and the latency from a verified webhook
 * to the agent's first engine call, through the real agent and a byte-for-byte proxy in front of the
 * engine that notes when the first request arrives. No timed assertion.
 */
class GitBenchmark {
    private static final int TENANTS = 100;
    private static final int POLLS = 21;
    private static final int DELIVERIES = 20;
    private static final String TOKEN = "bench-token-" + UUID.randomUUID();

    @Test
    void pollAndWebhookLatency(@TempDir Path tmp) throws Exception {
        poll(tmp.resolve("poll"));
        webhook(tmp.resolve("webhook"));
    }

    private void poll(Path dir) throws Exception {
        TestRepo repo = new TestRepo(dir.resolve("config"));
        repo.write("components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n");
        for (int i = 0; i < TENANTS; i++) {
            repo.write(String.format("instances/t%03d/inventory.yml", i), "all:\n  hosts:\n    node-a: {}\n");
        }
        repo.commit(TENANTS + " tenants");
        try (Git served = Git.open(repo.dir().toFile());
             GitHttpServer server = new GitHttpServer(served.getRepository(), Map.of("mooring", TOKEN));
             DockerEngine engine = new DockerEngine("unix:///var/run/docker.sock", List.of(), DockerEngine.DEFAULT_PULL_TIMEOUT,
                     Optional.of(TestDocker.networkPool()))) {
            double http = steadyPoll(Wiring.source(server.url(), dir.resolve("home-http"), new GitCredentials(null, TOKEN, null, null), 1), engine);
            double local = steadyPoll(Wiring.source(repo.dir().toString(), dir.resolve("home-local")), engine);
            System.out.printf("benchmark git: poll with nothing changed, %d converged tenants: over smart HTTP with a token %.1f ms"
                            + " (%.2f ms a tenant); from a local path %.1f ms (%.2f ms a tenant); median of %d%n",
                    TENANTS, http, http / TENANTS, local, local / TENANTS, POLLS);
        } finally {
            repo.close();
        }
    }

    /** A pass as the agent makes it when every tenant converged at the key it has now: the ref check, then each tenant's key. */
    private static double steadyPoll(GitSource source, DockerEngine engine) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:gitbench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(source, engine, Wiring.store(h2)), "node-a", Clock.systemUTC(),
                Reconciler.Settings.defaults(Duration.ofSeconds(30)));
        // The pool's threads ask the predicate at once: the map must be safe for that.
        Map<String, String> converged = new ConcurrentHashMap<>();
        reconciler.reconcileAll(Selection.all(null).skipping((tenant, key) -> converged.put(tenant, key) == null));
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < POLLS + 5; i++) {
            long start = System.nanoTime();
            List<PassRecord> passes = reconciler.reconcileAll(Selection.all(null).skipping((tenant, key) -> key.equals(converged.get(tenant)))).passes();
            times.add((System.nanoTime() - start) / 1e6);
            assertThat(passes).as("every tenant is quiet").isEmpty();
        }
        source.close();
        List<Double> timed = new ArrayList<>(times.subList(5, times.size()));
        timed.sort(null);
        return timed.get(timed.size() / 2);
    }

    private void webhook(Path dir) throws Exception {
        String tenant = "hook-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = "bench-webhook-secret-" + UUID.randomUUID();
        TestRepo repo = new TestRepo(dir.resolve("config"));
        repo.write("components.yml", "services:\n  web:\n    image: " + TestDocker.image("1.0") + "\n    healthcheck: {disable: true}\n"
                + "    x-mooring:\n      probe: {tcp: {port: 8080}, interval: 100ms, timeout: 30s}\n");
        repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {note: \"0\"}\n");
        repo.commit("one tenant");
        Path secretFile = Files.writeString(dir.resolve("webhook-secret"), secret);
        Path tokenFile = Files.writeString(dir.resolve("git-token"), TOKEN);
        WebhookVerifier signer = new WebhookVerifier(secret);
        HttpClient client = HttpClient.newHttpClient();
        TestAgent agent = null;
        try (Git served = Git.open(repo.dir().toFile());
             GitHttpServer server = new GitHttpServer(served.getRepository(), Map.of("mooring", TOKEN));
             RecordingEngineProxy proxy = new RecordingEngineProxy(Path.of("/var/run/docker.sock"))) {
            agent = new TestAgent(dir.resolve("agent.yml"), server.url(), dir.resolve("home"), "interval: 1h\ndockerHost: "
                    + proxy.address() + "\ngit: {passwordFile: " + tokenFile + "}\nwebhooks: {secretFile: " + secretFile + "}\n"
                    + "networks: {pool: " + TestDocker.NETWORK_POOL + "}\n");
            String passes = "/api/passes?tenant=" + tenant + "&limit=500";
            awaitPasses(agent, passes, 1);
            List<Double> latencies = new ArrayList<>();
            for (int i = 1; i <= DELIVERIES; i++) {
                repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {note: \"" + i + "\"}\n");
                repo.commit("note " + i);
                byte[] body = ("{\"ref\":\"refs/heads/main\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                HttpRequest delivery = HttpRequest.newBuilder(URI.create(agent.url("/api/webhook")))
                        .header("X-GitHub-Delivery", "bench-" + i).header("X-Hub-Signature-256", signer.signature(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                proxy.mark();
                HttpResponse<String> answer = client.send(delivery, HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                awaitPasses(agent, passes, i + 1);
                assertThat(proxy.nanosToFirstRequest()).as("the pass called the engine").isPositive();
                latencies.add(proxy.nanosToFirstRequest() / 1e6);
            }
            latencies.sort(null);
            System.out.printf("benchmark git: verified webhook to the agent's first engine call, %d deliveries over a token-authenticated"
                            + " smart-HTTP repository: p50 %.1f ms, p90 %.1f ms, max %.1f ms (goal: p50 < 200 ms)%n",
                    DELIVERIES, latencies.get(DELIVERIES / 2), latencies.get(DELIVERIES * 9 / 10), latencies.get(DELIVERIES - 1));
        } finally {
            if (agent != null) {
                agent.close();
            }
            try (TestDocker docker = new TestDocker()) {
                docker.removeTenant(tenant);
            }
            repo.close();
        }
    }

    /** Waits until the tenant has at least {@code count} passes recorded. */
    private static void awaitPasses(TestAgent agent, String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (agent.get(path).split("\"status\"", -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no pass " + count + " within 60 s");
    }
}
