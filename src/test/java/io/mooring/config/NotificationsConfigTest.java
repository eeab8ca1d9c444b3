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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code notifications:} block: read with its defaults, each bad target refused naming its field, no secret shown. */
class NotificationsConfigTest {
    private static final YamlConfigurationFactory<MooringConfiguration> FACTORY = new YamlConfigurationFactory<>(
            MooringConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @TempDir
    Path tmp;

    private MooringConfiguration load(String block) throws Exception {
        String yaml = "repo: /srv/config\nnotifications:\n" + block;
        return FACTORY.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml");
    }

    private String errors(String block) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load(block));
        assertThat(thrown).as("refused: %s", block).isNotNull();
        return thrown.getMessage();
    }

    @Test
    void aFullBlockIsReadWithItsDefaults() throws Exception {
        Path url = Files.writeString(tmp.resolve("slack-url"), "https://hooks.slack.com/services/T/B/SECRET\n");
        Path password = Files.writeString(tmp.resolve("smtp-password"), "pw\n");
        NotificationsConfig config = load("""
                  pageUrl: https://status.example.com/
                  targets:
                    - {type: slack, urlFile: %s, tenants: [shop], events: [rolled-back, pass-failed]}
                    - {type: email, host: smtp.example.com, from: mooring@example.com, to: [ops@example.com], username: u, passwordFile: %s}
                """.formatted(url, password)).getNotifications();
        assertThat(config.getTargets()).hasSize(2);
        assertThat(config.getCertificateWarning().toJavaDuration()).hasDays(14);
        assertThat(config.getCheckInterval().toJavaDuration()).hasSeconds(30);
        assertThat(config.getTargets().get(0).url("x")).contains("https://hooks.slack.com/services/T/B/SECRET");
        NotificationTarget email = config.getTargets().get(1);
        assertThat(email.getTls()).isEqualTo("starttls");
        assertThat(email.getPort()).isEqualTo(587);
        assertThat(email.password("x")).contains("pw");
        assertThat(load("  targets: []\n").getNotifications().getTargets()).isEmpty();
    }

    @Test
    void eachBadTargetIsRefusedNamingItsField() {
        String message = errors("""
                  targets:
                    - {type: slack, url: https://hooks.slack.com/services/T/B/TOKEN}
                    - {type: pager, url: https://example.com/}
                    - {type: discord}
                    - {type: ntfy, url: https://ntfy.example.com/t, urlFile: /etc/hostname}
                    - {type: email, to: []}
                    - {type: webhook, url: "ftp://example.com/TOKEN2", events: [rolled-back, exploded]}
                    - {type: gotify, urlFile: /nonexistent/gotify-url}
                """);
        assertThat(message).contains("notifications.targets[1].type 'pager' is not a target type; one of webhook, slack")
                .contains("notifications.targets[2].url nor urlFile is set")
                .contains("notifications.targets[3].url and urlFile are both set")
                .contains("notifications.targets[4].host is not set").contains("notifications.targets[4].to is empty")
                .contains("notifications.targets[4].from is not set")
                .contains("notifications.targets[5].url is not an http:// or https:// URL")
                .contains("notifications.targets[5].events 'exploded' is not an event; one of pass-failed")
                .contains("notifications.targets[6].urlFile").contains("no such file")
                .doesNotContain("TOKEN").doesNotContain("targets[0]");
    }

    @Test
    void anUnknownTlsModeAndABadPageAreRefused() {
        assertThat(errors("""
                  pageUrl: status.example.com/mooring
                  targets:
                    - {type: email, host: smtp.example.com, from: m@example.com, to: [o@example.com], tls: ssl}
                """)).contains("notifications.pageUrl is not an http:// or https:// URL")
                .contains("notifications.targets[0].tls 'ssl' is not a TLS mode; one of none, starttls, tls");
    }
}
