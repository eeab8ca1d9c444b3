package io.mooring.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.mooring.MooringConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code commitStatus:} block: off without a provider, api and repository derived from a github.com or gitlab.com
 * repo only, and each bad value refused naming its field.
 */
class CommitStatusConfigTest {
    private static final YamlConfigurationFactory<MooringConfiguration> FACTORY = new YamlConfigurationFactory<>(
            MooringConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path tmp;
    private Path token;

    @BeforeEach
    void files() throws Exception {
        token = Files.writeString(tmp.resolve("status-token"), "ghp_0123456789abcdef\n");
    }

    private MooringConfiguration load(String repo, String block) throws Exception {
        String yaml = "repo: " + repo + "\n" + block;
        return FACTORY.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml");
    }

    private String errors(String repo, String block) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load(repo, block));
        assertThat(thrown).as("refused: %s", block).isNotNull();
        return thrown.getMessage();
    }

    @Test
    void withoutTheBlockOrItsProviderNothingIsPosted() throws Exception {
        assertThat(load("/srv/config", "").getCommitStatus().enabled()).isFalse();
        assertThat(errors("/srv/config", "commitStatus: {tokenFile: " + token + "}\n"))
                .contains("commitStatus.provider is not set, so the commitStatus block is off");
    }

    @ParameterizedTest
    @CsvSource({
        "https://github.com/acme/fleet.git, github, https://api.github.com, acme/fleet",
        "git@github.com:acme/fleet.git, github, https://api.github.com, acme/fleet",
        "ssh://git@github.com/acme/fleet, github, https://api.github.com, acme/fleet",
        "https://gitlab.com/acme/infra/fleet.git, gitlab, https://gitlab.com/api/v4, acme/infra/fleet",
    })
    void apiAndRepositoryAreDerivedFromAGithubOrGitlabRepo(String repo, String provider, String api, String repository) throws Exception {
        CommitStatusConfig block = load(repo, "commitStatus: {provider: " + provider + ", tokenFile: " + token + "}\n").getCommitStatus();
        assertThat(block.api(repo)).contains(api);
        assertThat(block.repository(repo)).contains(repository);
        assertThat(block.token()).contains("ghp_0123456789abcdef");
    }

    @Test
    void aRepoElsewhereNeedsApiAndRepository() throws Exception {
        String repo = "https://gitea.example.com/acme/fleet.git";
        assertThat(errors(repo, "commitStatus: {provider: gitea, tokenFile: " + token + "}\n"))
                .contains("commitStatus.api and commitStatus.repository must be set");
        assertThat(errors("https://github.com/acme/fleet.git", "commitStatus: {provider: gitlab, tokenFile: " + token + "}\n"))
                .as("a github.com repo gives nothing to gitlab").contains("commitStatus.api and commitStatus.repository must be set");
        CommitStatusConfig block = load(repo, "commitStatus: {provider: forgejo, api: 'https://gitea.example.com/api/v1',"
                + " repository: acme/fleet, tokenFile: " + token + ", pageUrl: 'https://mooring.example.com/tenants/{tenant}'}\n")
                .getCommitStatus();
        assertThat(block.getProvider()).isEqualTo("gitea");
        assertThat(block.api(repo)).contains("https://gitea.example.com/api/v1");
        assertThat(block.getPageUrl()).contains("https://mooring.example.com/tenants/{tenant}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "provider: bitbucket | commitStatus.provider 'bitbucket' is not a provider",
        "provider: github, api: 'ftp://api.github.com' | commitStatus.api 'ftp://api.github.com' is not an http:// or https:// URL",
        "provider: github, api: 'https://user:pw@api.github.com' | commitStatus.api",
        "provider: github, repository: 'acme' | commitStatus.repository 'acme' is not owner/name",
        "provider: gitlab, repository: 'fleet' | commitStatus.repository 'fleet' is neither a GitLab project path",
        "provider: github, pageUrl: 'mooring.example.com' | commitStatus.pageUrl",
    })
    void eachBadValueIsRefusedNamingItsField(String fields, String expected) {
        assertThat(errors("https://github.com/acme/fleet.git", "commitStatus: {" + fields + ", tokenFile: " + token + "}\n"))
                .contains(expected);
    }

    @Test
    void theTokenFileIsRequiredAndReadable() {
        assertThat(errors("https://github.com/acme/fleet.git", "commitStatus: {provider: github}\n"))
                .contains("commitStatus.tokenFile is not set");
        assertThat(errors("https://github.com/acme/fleet.git", "commitStatus: {provider: github, tokenFile: " + tmp.resolve("none") + "}\n"))
                .contains("commitStatus.tokenFile").contains("no such file");
    }

    @Test
    void aGitlabProjectMayBeANumericId() throws Exception {
        assertThat(load("/srv/config", "commitStatus: {provider: gitlab, api: 'https://gitlab.example.com/api/v4', repository: '4211',"
                + " tokenFile: " + token + "}\n").getCommitStatus().getRepository()).contains("4211");
    }
}
