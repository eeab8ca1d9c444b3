package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.Guardrails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder of the configuration file the agent was started with, its home and /etc/mooring are never mountable,
 * whatever the allow-list grants, by the path as written or by where its links lead.
 */
class AgentFoldersTest {
    @TempDir
    Path tmp;

    /** Guardrails that allow every tenant the whole temporary folder, and the agent's own folders under it. */
    private Guardrails guardrails(Path home, Optional<Path> configFile) {
        return AgentParts.guardrails(Guardrails.defaults().withBindMounts(List.of(tmp.toString(), "/etc", "/srv")), home, configFile);
    }

    @Test
    void theFolderOfTheConfigurationFileItStartedWithIsNeverMountable() throws IOException {
        Path conf = Files.createDirectories(tmp.resolve("opt/agent"));
        Path file = Files.writeString(conf.resolve("mooring.yml"), "repo: /srv/config\n");
        Guardrails guardrails = guardrails(tmp.resolve("home"), Optional.of(file));

        assertThat(guardrails.checkBind("acme", conf.toString())).contains("never allowed");
        assertThat(guardrails.checkBind("acme", conf.resolve("api-token").toString())).contains("never allowed");
        assertThat(guardrails.checkBind("acme", tmp.resolve("opt").toString())).as("nor what holds it").contains("never allowed");
        assertThat(guardrails.checkBind("acme", tmp.resolve("site").toString())).as("beside it is allowed").isNull();
    }

    @Test
    void aConfigurationFileReachedThroughALinkRefusesTheFolderItReallyIsIn() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real-conf"));
        Files.writeString(real.resolve("mooring.yml"), "repo: /srv/config\n");
        Path linked = Files.createSymbolicLink(tmp.resolve("conf-link"), real);
        Path fileLink = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("other")).resolve("agent.yml"),
                real.resolve("mooring.yml"));

        for (Path started : List.of(linked.resolve("mooring.yml"), fileLink)) {
            Guardrails guardrails = guardrails(tmp.resolve("home"), Optional.of(started));
            assertThat(guardrails.checkBind("acme", real.toRealPath().resolve("secret").toString())).as(started.toString())
                    .contains("never allowed");
        }
    }

    @Test
    void etcMooringAndTheHomeStayRefusedWithOrWithoutAConfigurationFile() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        for (Optional<Path> file : List.of(Optional.<Path>empty(), Optional.of(tmp.resolve("gone/mooring.yml")))) {
            Guardrails guardrails = guardrails(home, file);
            assertThat(guardrails.checkBind("acme", "/etc/mooring")).contains("never allowed");
            assertThat(guardrails.checkBind("acme", "/etc/mooring/mooring.yml")).contains("never allowed");
            assertThat(guardrails.checkBind("acme", home.resolve("mirrors").toString())).contains("never allowed");
        }
        assertThat(guardrails(home, Optional.of(tmp.resolve("gone/mooring.yml"))).checkBind("acme", tmp.resolve("gone").toString()))
                .as("a file that is not there: its folder as written").contains("never allowed");
    }
}
