package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.AgentProcess;
import io.mooring.testing.Await;
import io.mooring.testing.TenantFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real agent posts commit statuses to a server speaking GitHub's, GitLab's and Gitea's status APIs: on the commit it
 * applies, under {@code mooring/<tenant>@<node>}, running (GitHub and Gitea: pending) then success, linking to the page,
 * and (checked with GitLab) nothing more while it finds nothing to do, then running and failed on a commit whose
 * container crashes.
 */
class CommitStatusIT {
    private static final String TOKEN = "status-token-" + UUID.randomUUID();
    private static final String PAGE = "https://mooring.example.com/tenants/";

    @TempDir
    Path tmp;
    private TenantFixture it;
    private StatusHost host;
    private AgentProcess agent;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
        host = new StatusHost(TOKEN);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        host.close();
        it.close();
    }

    private void start(String provider) throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("status-token"), TOKEN + "\n");
        agent = AgentProcess.start(tmp.resolve("agent.yml"), it.repo.dir().toString(), "node-a", it.home, """
                interval: 1s
                healthTimeout: 20s
                commitStatus: {provider: %s, api: '%s', repository: acme/fleet, tokenFile: %s, pageUrl: '%s{tenant}'}
                """.formatted(provider, host.api(provider), tokenFile, PAGE));
    }

    private String commit(String version) throws Exception {
        it.repo.write("instances/" + it.tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        it.repo.write("components.yml", it.webComponents());
        return it.repo.commit("web " + version);
    }

    private List<StatusHost.Posted> ended(String sha, String state) {
        return Await.until(Duration.ofSeconds(60), () -> host.on(sha), posted -> posted.stream().anyMatch(p -> p.state().equals(state)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "gitlab", "gitea"})
    void anAppliedCommitGetsRunningThenSuccessThenACrashingOneFailure(String provider) throws Exception {
        String good = commit("1.0");
        start(provider);
        List<StatusHost.Posted> posted = ended(good, "success");
        assertThat(it.page("/")).isEqualTo("web 1.0");
        String running = provider.equals("gitlab") ? "running" : "pending";
        assertThat(posted).extracting(StatusHost.Posted::state).containsExactly(running, "success");
        assertThat(posted).allSatisfy(p -> {
            assertThat(p.provider()).isEqualTo(provider);
            assertThat(p.answer()).isEqualTo(201);
            assertThat(p.context()).isEqualTo("mooring/" + it.tenant + "@node-a");
            assertThat(p.body()).containsEntry("target_url", PAGE + it.tenant);
            assertThat(p.body()).containsKey(provider.equals("gitlab") ? "name" : "context");
        });
        assertThat(posted.get(0).body()).containsEntry("description", "applying 1 change(s)");
        assertThat(posted.get(1).body()).containsEntry("description", "converged: 1 change(s) applied");
        if (!provider.equals("gitlab")) {
            return; // the rest once, with the provider whose names differ most, to keep the test short
        }
        Thread.sleep(2_000); // two more passes, each with nothing to do
        assertThat(host.on(good)).as("quiet passes post nothing").hasSize(2);

        String crash = commit("crash");
        List<StatusHost.Posted> failed = ended(crash, "failed");
        assertThat(failed).extracting(StatusHost.Posted::state).containsExactly("running", "failed");
        assertThat((String) failed.get(1).body().get("description")).startsWith("failed: web: ").contains("exited with code 3")
                .hasSizeLessThanOrEqualTo(140);
        assertThat(failed).allSatisfy(p -> assertThat(p.context()).isEqualTo("mooring/" + it.tenant + "@node-a"));
        assertThat(it.page("/")).as("rolled back").isEqualTo("web 1.0");
        assertThat(host.on(good)).hasSize(2);
    }
}
