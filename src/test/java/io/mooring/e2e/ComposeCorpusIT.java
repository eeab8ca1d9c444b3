package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ContainerNetwork;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.testing.CorpusStacks;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stacks of the Compose corpus applied on the real engine as they are written, but for their images ({@link CorpusStacks}).
 * Each stack is applied, upgraded (a new stand-in version), upgraded to a version whose
 * health checks fail (rolled back by the agent), then reverted to where it began.
 */
class ComposeCorpusIT {
    private static final Path CORPUS = CorpusStacks.CORPUS;
    private static final String STANDIN = CorpusStacks.STANDIN;
    private CorpusStacks stacks;
    private String run;
    private TestDocker docker;
    private RoundRig rig;

    @BeforeAll
    static void buildStandIns() throws Exception {
        CorpusStacks.buildStandIns("1", "2", "broken");
    }

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        stacks = new CorpusStacks(tmp, "wordpress", "nextcloud", "include");
        run = stacks.run;
        docker = stacks.docker;
        rig = stacks.rig;
    }

    @AfterEach
    void tearDown() throws Exception {
        stacks.close();
    }

    private String commit(String stack, String version, Map<String, String> vars) throws Exception {
        return stacks.commit(stack, version, vars);
    }

    private PassRecord pass(String stack) {
        return stacks.pass(stack);
    }

    private static int freePort() throws IOException {
        return CorpusStacks.freePort();
    }

    private String in(String stack, String service, String... command) throws Exception {
        return stacks.in(stack, service, command);
    }

    private String version(String stack, String service) throws Exception {
        return stacks.version(stack, service);
    }

    private Map<String, ContainerNetwork> networksOf(String stack, String service) {
        return docker.inspect(run + "-" + stack + "-" + service).getNetworkSettings().getNetworks();
    }

    /**
     * Upgraded to a version whose health checks fail: the agent rolls back and version 2 keeps running; the commit reverted,
     * nothing changes; then rolled back to version 1 by a commit.
     */
    private void upgradeBrokenThenRollBack(String stack, Map<String, String> vars, String healthGated) throws Exception {
        commit(stack, "broken", vars);
        PassRecord broken = pass(stack);
        assertThat(broken.status()).as(said(broken)).isEqualTo(PassStatus.FAILED);
        assertThat(version(stack, healthGated)).isEqualTo("standin 2");

        rig.repo.revertHead();
        PassRecord reverted = pass(stack);
        assertThat(reverted.status()).as(said(reverted)).isEqualTo(PassStatus.CONVERGED);
        assertThat(version(stack, healthGated)).isEqualTo("standin 2");

        commit(stack, "1", vars);
        PassRecord back = pass(stack);
        assertThat(back.status()).as(said(back)).isEqualTo(PassStatus.CONVERGED);
        assertThat(version(stack, healthGated)).isEqualTo("standin 1");
    }

    @Test
    void wordpressWithMysqlGetsItsSecretsAsReadOnlyFilesWaitsForAHealthyDatabaseAndKeepsItsData() throws Exception {
        Map<String, String> vars = Map.of("WORDPRESS_PORT", String.valueOf(freePort()));
        commit("wordpress", "1", vars);
        PassRecord first = pass("wordpress");
        assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);

        assertThat(in("wordpress", "db", "cat", "/run/secrets/db_password")).isEqualTo("wordpress-secret");
        assertThat(in("wordpress", "db", "cat", "/run/secrets/db_root_password")).isEqualTo("root-secret");
        assertThat(in("wordpress", "db", "stat", "-c", "%a %u", "/run/secrets/db_password")).isEqualTo("444 0");
        assertThat(in("wordpress", "wordpress", "ls", "/run/secrets")).isEqualTo("db_password");
        assertThat(in("wordpress", "db", "env")).contains("MYSQL_PASSWORD_FILE=/run/secrets/db_password").doesNotContain("wordpress-secret");
        assertThat(docker.inspect(run + "-wordpress-db").getState().getHealth().getStatus()).isEqualTo("healthy");
        assertThat(docker.inspect(run + "-wordpress-db").getConfig().getHealthcheck().getTest())
                .containsExactly("CMD", "mysqladmin", "ping", "-h", "localhost");
        assertThat(in("wordpress", "wordpress", "wget", "-q", "-O", "-", "http://db:8080/")).isEqualTo("standin 1");
        in("wordpress", "db", "sh", "-c", "echo kept > /var/lib/mysql/file");

        commit("wordpress", "2", vars);
        PassRecord upgraded = pass("wordpress");
        assertThat(upgraded.status()).as(said(upgraded)).isEqualTo(PassStatus.CONVERGED);
        assertThat(version("wordpress", "db")).isEqualTo("standin 2");
        assertThat(version("wordpress", "wordpress")).isEqualTo("standin 2");
        assertThat(in("wordpress", "db", "cat", "/var/lib/mysql/file")).as("the volume survived the replace").isEqualTo("kept");
        assertThat(in("wordpress", "db", "cat", "/run/secrets/db_password")).isEqualTo("wordpress-secret");

        upgradeBrokenThenRollBack("wordpress", vars, "db");
        assertThat(in("wordpress", "db", "cat", "/var/lib/mysql/file")).isEqualTo("kept");
    }

    @Test
    void nextcloudPutsItsDatabaseAndCacheOnAnInternalNetworkReachedByAlias() throws Exception {
        Map<String, String> vars = Map.of("NEXTCLOUD_PORT", String.valueOf(freePort()), "MYSQL_ROOT_PASSWORD", "root-secret",
                "MYSQL_PASSWORD", "nextcloud-secret");
        commit("nextcloud", "1", vars);
        PassRecord first = pass("nextcloud");
        assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);

        String tenant = run + "-nextcloud";
        String front = "mooring-" + tenant + "-N-frontend";
        String frontend = front;
        String back = "mooring-" + tenant + "-N-backend";
        assertThat(networksOf("nextcloud", "app")).containsOnlyKeys(front, back);
        assertThat(networksOf("nextcloud", "db")).containsOnlyKeys(back);
        assertThat(networksOf("nextcloud", "redis").get(back).getAliases()).contains("redis", "cache");
        assertThat(docker.network(back).orElseThrow().getInternal()).isTrue();
        assertThat(docker.network(front).orElseThrow().getInternal()).isFalse();
        assertThat(docker.network(back).orElseThrow().getLabels()).containsEntry("io.mooring.tenant", tenant);
        assertThat(in("nextcloud", "app", "wget", "-q", "-O", "-", "http://cache:8080/")).isEqualTo("standin 1");
        assertThat(in("nextcloud", "cron", "wget", "-q", "-O", "-", "http://db:8080/")).isEqualTo("standin 1");
        assertThat(docker.inspect(run + "-nextcloud-cron").getConfig().getEntrypoint()).containsExactly("/cron.sh");

        commit("nextcloud", "2", vars);
        PassRecord upgraded = pass("nextcloud");
        assertThat(upgraded.status()).as(said(upgraded)).isEqualTo(PassStatus.CONVERGED);
        assertThat(networksOf("nextcloud", "app")).containsOnlyKeys(front, back);
        assertThat(in("nextcloud", "app", "wget", "-q", "-O", "-", "http://cache:8080/")).isEqualTo("standin 2");

        upgradeBrokenThenRollBack("nextcloud", vars, "db");

        String renamed = Files.readString(CORPUS.resolve("nextcloud/components.yml")).replace("frontend", "public")
                .replaceAll("(?m)^(\\s+image:) .*$", "$1 " + STANDIN + ":1");
        rig.repo.write("instances/" + tenant + "/components.yml", renamed);
        rig.repo.commit("frontend renamed public");
        PassRecord renaming = pass("nextcloud");
        assertThat(renaming.status()).as(said(renaming)).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(renaming)).contains("replace").contains("networks").contains("network " + front + " removed");
        assertThat(networksOf("nextcloud", "app")).containsOnlyKeys("mooring-" + tenant + "-N-public", back);
        front = "mooring-" + tenant + "-N-public";

        rig.repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-b: {}\n");
        rig.repo.commit("nextcloud moves to node-b");
        PassRecord left = pass("nextcloud");
        assertThat(left.status()).as(said(left)).isEqualTo(PassStatus.CONVERGED);
        assertThat(said(left)).contains("network " + front + " removed", "network " + back + " removed");
        assertThat(docker.networkNames()).doesNotContain(front, frontend, back, "mooring-" + tenant);
    }

    @Test
    void anIncludedDatabaseWithASecretIsHealthyBeforeTheAppThatNeedsIt() throws Exception {
        Map<String, String> vars = Map.of("TRACKER_PORT", String.valueOf(freePort()), "TRACKER_DB_PASSWORD", "tracker-secret");
        commit("include", "1", vars);
        PassRecord first = pass("include");
        assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);

        String tenant = run + "-include";
        assertThat(networksOf("include", "web")).containsOnlyKeys("mooring-" + tenant, "mooring-" + tenant + "-N-data");
        assertThat(networksOf("include", "postgres")).containsOnlyKeys("mooring-" + tenant + "-N-data");
        assertThat(in("include", "postgres", "cat", "/run/secrets/postgres_password")).isEqualTo("tracker-secret");
        assertThat(in("include", "web", "env")).contains("DATABASE_URL=postgres://tracker:tracker-secret@postgres:5432/tracker");
        assertThat(in("include", "web", "wget", "-q", "-O", "-", "http://postgres:8080/")).isEqualTo("standin 1");
        assertThat(docker.inspect(run + "-include-postgres").getState().getHealth().getStatus()).isEqualTo("healthy");
        assertThat(said(first).indexOf("postgres")).as("the database is rolled out before the app that waits for it")
                .isLessThan(said(first).indexOf("web"));

        commit("include", "2", vars);
        PassRecord upgraded = pass("include");
        assertThat(upgraded.status()).as(said(upgraded)).isEqualTo(PassStatus.CONVERGED);
        assertThat(version("include", "web")).isEqualTo("standin 2");

        upgradeBrokenThenRollBack("include", vars, "postgres");
    }
}
