package io.mooring.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.notify.Target;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The SMTP session's settings per TLS mode: STARTTLS required, not tried; every wait bounded; a login only with a username. */
class SmtpChannelTest {
    private static Properties properties(String tls, Optional<String> username) {
        return SmtpChannel.properties(new Target.Mail("smtp.example.com", 2525, "m@example.com", List.of("o@example.com"), username,
                username.map(u -> "pw"), tls), Duration.ofSeconds(7));
    }

    @Test
    void eachTlsModeSetsItsSession() {
        Properties starttls = properties("starttls", Optional.of("mooring"));
        assertThat(starttls).containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.host", "smtp.example.com").containsEntry("mail.smtp.port", "2525")
                .containsEntry("mail.smtp.timeout", "7000").containsEntry("mail.smtp.connectiontimeout", "7000")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
        Properties tls = properties("tls", Optional.empty());
        assertThat(tls).containsEntry("mail.transport.protocol", "smtps").containsEntry("mail.smtps.host", "smtp.example.com")
                .containsEntry("mail.smtps.auth", "false").doesNotContainKey("mail.smtp.starttls.enable");
        assertThat(properties("none", Optional.empty())).doesNotContainKey("mail.smtp.starttls.enable")
                .doesNotContainKey("mail.smtp.ssl.checkserveridentity").containsEntry("mail.smtp.writetimeout", "7000");
    }
}
