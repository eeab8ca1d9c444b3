package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RedactionsTest {
    private static Redactions of(Map<String, String> vars) {
        return Redactions.of(new Inventory("inventory.yml", new TreeMap<>(Map.of("node-a", new Host("node-a", vars, List.of())))));
    }

    @Test
    void replacesTheValuesOfVariablesWhoseNamesSaySecretByTheirNames() {
        Redactions redactions = of(Map.of("db_password", "s3cr3t-pw", "API_TOKEN", "tok-123", "client_secret", "cs-999",
                "tls_key", "k3y-data", "web_version", "1.0.5"));
        assertThat(redactions.apply("hook said: s3cr3t-pw, tok-123, cs-999, k3y-data at 1.0.5")).isEqualTo("hook said: [redacted: db_password],"
                + " [redacted: API_TOKEN], [redacted: client_secret], [redacted: tls_key] at 1.0.5");
    }

    @Test
    void leavesValuesShorterThanFourCharactersAndOrdinaryVariablesAlone() {
        Redactions redactions = of(Map.of("db_password", "abc", "keyboard", "qwerty-layout", "monkey", "banana-split"));
        assertThat(redactions.apply("abc qwerty-layout banana-split")).isEqualTo("abc qwerty-layout banana-split");
    }

    @Test
    void replacesTheLongerOfTwoValuesWhereOneHoldsTheOtherAndNeverRedactsItsOwnReplacement() {
        Redactions redactions = of(Map.of("db_password", "pass-word-long", "short_secret", "pass", "other_token", "redacted"));
        assertThat(redactions.apply("pass-word-long and pass")).isEqualTo("[redacted: db_password] and [redacted: short_secret]");
    }

    @Test
    void knowsSecretNamesWhateverTheirCase() {
        assertThat(List.of("DB_PASSWORD", "PasswordFile", "my_secret_x", "GIT_TOKEN", "ssh_KEY")).allMatch(Redactions::isSecret);
        assertThat(List.of("keyboard", "key_path", "monkey", "omni_ip_lan", "web_version")).noneMatch(Redactions::isSecret);
    }

    @Test
    void redactsAPassRecordsMessageAndEveryActionsMessageAndReason() {
        Redactions redactions = of(Map.of("db_password", "hunter22"));
        PassRecord pass = new PassRecord("acme", "node-a", "abc", PassStatus.FAILED, "hook migrate failed: hunter22",
                List.of(new ActionRecord("web", ActionVerb.KEEP, "env hunter22", ActionOutcome.FAILED, "log: hunter22")),
                Instant.EPOCH, Instant.EPOCH);
        PassRecord redacted = redactions.apply(pass);
        assertThat(redacted.toString()).doesNotContain("hunter22");
        assertThat(redacted.message()).isEqualTo("hook migrate failed: [redacted: db_password]");
        assertThat(redacted.actions().get(0).message()).isEqualTo("log: [redacted: db_password]");
    }

    @Test
    void withNoSecretsTextIsReturnedAsItIs() {
        assertThat(Redactions.NONE.apply("anything at all")).isEqualTo("anything at all");
        assertThat(Redactions.NONE.toString()).doesNotContain("=");
    }
}
