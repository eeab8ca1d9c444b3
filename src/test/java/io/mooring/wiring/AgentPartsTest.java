package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.config.ClusterConfig;
import io.mooring.leader.Election;
import io.mooring.model.Guardrails;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own files are never mountable, and a configuration file in a shared top-level folder does not take the folder's other contents with it. */
class AgentPartsTest {
    private static final Guardrails EVERYWHERE = new Guardrails(false, false, false, false, List.of("/"), Set.of(), Map.of(), Map.of(),
            List.of());

    private static Guardrails startedWith(String file) {
        return AgentParts.guardrails(EVERYWHERE, Path.of("/var/lib/mooring"), Optional.of(Path.of(file)));
    }

    @Test
    void aConfigurationFileInEtcRefusesItselfAndWhatIsAboveButNotTheRestOfEtc() {
        Guardrails etc = startedWith("/etc/mooring.yml");

        for (String path : List.of("/etc/mooring.yml", "/etc", "/", "/etc/mooring", "/etc/mooring/api-token", "/var/lib/mooring/repo")) {
            assertThat(etc.checkBind("acme", path)).as(path).contains("never allowed");
        }
        assertThat(etc.checkBind("acme", "/etc/omnileads/certs")).isNull();
        assertThat(etc.checkBind("acme", "/etc/mooring.yml.d")).isNull();
    }

    @Test
    void aConfigurationFileInSrvLeavesTenantsFoldersUnderSrvMountable() {
        Guardrails srv = startedWith("/srv/mooring.yml");

        assertThat(srv.checkBind("acme", "/srv/mooring/acme")).isNull();
        assertThat(srv.checkBind("acme", "/srv/mooring.yml")).contains("never allowed");
        assertThat(srv.checkBind("acme", "/srv")).contains("would give the container /srv/mooring.yml of the host; never allowed");
    }

    @Test
    void aConfigurationFolderOfItsOwnIsRefusedWithAllItHolds() {
        Guardrails own = startedWith("/opt/agent/mooring.yml");

        for (String path : List.of("/opt/agent", "/opt/agent/api-token", "/opt/agent/secrets/s3", "/opt", "/")) {
            assertThat(own.checkBind("acme", path)).as(path).contains("never allowed");
        }
        assertThat(own.checkBind("acme", "/opt/other")).isNull();
    }

    @Test
    void throughALinkTheFolderItReallyIsInIsRefusedToo(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real-conf"));
        Files.writeString(real.resolve("mooring.yml"), "node: a\n");
        Path link = Files.createSymbolicLink(tmp.resolve("conf"), real);

        Guardrails linked = AgentParts.guardrails(EVERYWHERE, tmp.resolve("home"), Optional.of(link.resolve("mooring.yml")));

        assertThat(linked.checkBind("acme", real.resolve("token").toString())).contains("never allowed");
        assertThat(linked.checkBind("acme", link.resolve("token").toString())).contains("never allowed");
    }

    @Test
    void onlyAnAgentOnASharedPostgresqlTakesPartInTheClustersManagedBackups() {
        io.mooring.leader.Singletons singletons = new io.mooring.leader.Singletons(null, null);

        assertThat(AgentParts.clusterBackups("jdbc:postgresql://db:5432/mooring", singletons)).containsSame(singletons);
        assertThat(AgentParts.clusterBackups("jdbc:h2:file:/var/lib/mooring/state;DB_CLOSE_ON_EXIT=FALSE", singletons))
                .as("H2 is one agent's own: each would lead itself and back up every managed database").isEmpty();
    }

    @Test
    void aLeaseNoOtherNodeCanTakeIsRenewedEveryMinuteAndASharedOneAsTheClusterBlockSays() {
        ClusterConfig cluster = new ClusterConfig();

        assertThat(AgentParts.electionTimings("jdbc:postgresql://db:5432/mooring", cluster)).isEqualTo(new Election.Timings(
                Duration.ofSeconds(35), Duration.ofSeconds(30), Duration.ofSeconds(5)));
        Election.Timings alone = AgentParts.electionTimings("jdbc:h2:file:/var/lib/mooring/state", cluster);
        assertThat(alone.retryPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(alone.renewDeadline()).as("a round that fails still leaves the next ones time").isGreaterThan(alone.retryPeriod().multipliedBy(3))
                .isLessThan(alone.lease());
    }
}
