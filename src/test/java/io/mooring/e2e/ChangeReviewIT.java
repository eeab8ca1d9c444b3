package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testing.MooringCli;
import io.mooring.testing.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mooring plan --base --ref} as a pull request's CI job runs it: through the jar, offline (the
 * Docker engine it is pointed at does not exist), every node of every tenant the change touches.
 */
class ChangeReviewIT {
    private static final Map<String, String> NO_ENGINE = Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock");
    private static final String COMPONENTS = """
            services:
              web:
                image: registry.example.com/acme/web:${web_version}
                environment: {GREETING: "${greeting:-hello}"}
                x-mooring: {roles: [app]}
              sip:
                image: registry.example.com/acme/sip:${sip_version:-1.0}
                x-mooring: {roles: [voice]}
            """;

    private TestRepo repo;
    private Path home;
    private String base;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        repo = new TestRepo(tmp.resolve("config"));
        home = tmp.resolve("home");
        repo.write("components.yml", COMPONENTS);
        repo.write("instances/acme/inventory.yml", inventory("1.0", ""));
        repo.write("instances/globex/inventory.yml", inventory("2.0", ""));
        base = repo.commit("two tenants");
    }

    private static String inventory(String webVersion, String extraVars) {
        return """
                all:
                  hosts:
                    acme-app: {roles: [app]}
                    acme-voice: {roles: [voice]}
                  vars: {web_version: "%s"%s}
                """.formatted(webVersion, extraVars);
    }

    private MooringCli.Result plan(String... extra) throws Exception {
        String[] args = new String[extra.length + 7];
        System.arraycopy(new String[] {"plan", "--repo", repo.dir().toString(), "--home", home.toString(), "--base", base}, 0, args, 0, 7);
        System.arraycopy(extra, 0, args, 7, extra.length);
        return MooringCli.run(NO_ENGINE, args);
    }

    @Test
    void showsEveryNodeOfTheTouchedTenantsOnlyWithReasons() throws Exception {
        repo.write("instances/acme/inventory.yml", inventory("1.1", ", greeting: hi, sip_version: \"1.0\""));
        String change = repo.commit("acme: web 1.1, greeting");

        MooringCli.Result text = plan("--ref", change);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("change " + base.substring(0, 12) + " → " + change.substring(0, 12) + " (acme: web 1.1, greeting)")
                .contains("1 change on 2 nodes of 1 tenant")
                .contains("tenant acme on node acme-app").contains("replace  web: tag changed: 1.0 → 1.1; also environment.GREETING")
                .contains("tenant acme on node acme-voice").contains("keep     sip: unchanged")
                .doesNotContain("globex").doesNotContain("hi");

        MooringCli.Result markdown = plan("--ref", change, "--format", "markdown");
        assertThat(markdown.stdout()).contains("## Mooring plan: `" + base.substring(0, 12) + "` → `" + change.substring(0, 12) + "`")
                .contains("### acme on `acme-app`").contains("| web | **replace** | tag changed: 1.0 → 1.1; also environment.GREETING |")
                .contains("### acme on `acme-voice`").contains("No changes (1 unchanged).");

        JsonNode json = new ObjectMapper().readTree(plan("--ref", change, "--format", "json").stdout());
        assertThat(json.path("base").asText()).isEqualTo(base);
        assertThat(json.path("change").asText()).isEqualTo(change);
        assertThat(json.path("changes").asInt()).isEqualTo(1);
        assertThat(json.path("plans")).hasSize(2);
        assertThat(json.path("plans").get(0).path("actions").get(0).path("reason").asText()).isEqualTo("tag changed");
    }

    @Test
    void aRepositoryWideChangeTouchesEveryTenantAndAddedOrRemovedComponentsSaySo() throws Exception {
        repo.write("components.yml", COMPONENTS.replace("  sip:", "  cache:\n    image: redis:7\n    x-mooring: {roles: [app]}\n  sip:"));
        repo.write("instances/globex/inventory.yml", """
                all:
                  hosts:
                    acme-app: {roles: [app]}
                  vars: {web_version: "2.0"}
                """);
        String change = repo.commit("a cache for everyone; globex drops its voice host");
        MooringCli.Result result = plan("--ref", change, "--tenant", "globex");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("tenant globex on node acme-app").contains("create   cache: added")
                .contains("tenant globex on node acme-voice").contains("remove   sip: removed").doesNotContain("tenant acme ");

        MooringCli.Result all = plan("--ref", change);
        assertThat(all.stdout()).contains("tenant acme on node acme-app").contains("tenant globex on node acme-app");
    }

    @Test
    void anInvalidChangeFailsNamingTheFileAndAnInvalidBaseIsANote() throws Exception {
        repo.write("instances/acme/inventory.yml", inventory("1.1;reboot", ""));
        String broken = repo.commit("broken");
        MooringCli.Result invalid = plan("--ref", broken);
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.stderr()).containsPattern("instances/acme/inventory.yml:\\d+:\\d+: web_version '1.1;reboot' is not an image tag")
                .contains("the revision under review is invalid").doesNotContain("\tat ");

        repo.write("instances/acme/inventory.yml", inventory("1.2", ""));
        String fixed = repo.commit("fixed");
        MooringCli.Result fix = MooringCli.run(NO_ENGINE, "plan", "--repo", repo.dir().toString(), "--home", home.toString(),
                "--base", broken, "--ref", fixed);
        assertThat(fix.exitCode()).as(fix.toString()).isZero();
        assertThat(fix.stdout()).contains("note: tenant acme is invalid at the base revision " + broken.substring(0, 12))
                .contains("create   web: added");
    }

    /** As a CI job sees a pull request: a clone whose base is a remote-tracking branch and whose head is detached. */
    @Test
    void aCheckoutIsReadInPlaceSoThatRemoteBranchesAndCommitIdsCanBeNamed(@TempDir Path ci) throws Exception {
        repo.write("instances/globex/inventory.yml", inventory("2.1", ""));
        String change = repo.commit("globex: web 2.1");
        try (var git = org.eclipse.jgit.api.Git.cloneRepository().setURI(repo.dir().toString()).setDirectory(ci.toFile()).call()) {
            git.checkout().setName(change).call();
            git.branchDelete().setBranchNames("main").setForce(true).call();
        }
        MooringCli.Result result = MooringCli.run(NO_ENGINE, "plan", "--repo", ci.toString(), "--base", "origin/main~1", "--ref", "HEAD");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("tenant globex on node acme-app").contains("tag changed: 2.0 → 2.1").doesNotContain("tenant acme ");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(plan("--ref", base, "--tenant", "nobody").exitCode()).isEqualTo(2);
        MooringCli.Result noTenant = MooringCli.run(NO_ENGINE, "plan", "--repo", repo.dir().toString(), "--home", home.toString());
        assertThat(noTenant.exitCode()).isEqualTo(2);
        assertThat(noTenant.stderr()).contains("--tenant is required, unless --base");
        MooringCli.Result unknownRevision = plan("--ref", "no-such-branch");
        assertThat(unknownRevision.exitCode()).isEqualTo(1);
        assertThat(unknownRevision.stderr()).contains("revision 'no-such-branch' not found");
    }
}
