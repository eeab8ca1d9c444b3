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
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secrets.ageIdentityFile}: the agent refuses to start with it missing, open to others, or holding no key. */
class AgeIdentityConfigTest {
    private static final YamlConfigurationFactory<MooringConfiguration> FACTORY = new YamlConfigurationFactory<>(
            MooringConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
    private static final String KEY = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";

    @TempDir
    Path tmp;

    private String errors(Path identity) {
        String yaml = "repo: /srv/config\nsecrets: {ageIdentityFile: " + identity + "}\n";
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> FACTORY.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml"));
        return thrown == null ? "" : thrown.getMessage();
    }

    private Path file(String name, String text, String mode) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aPrivateFileWithAKeyIsAccepted() throws Exception {
        assertThat(errors(file("ok.key", "# created\n" + KEY + "\n", "rw-------"))).isEmpty();
    }

    @Test
    void aFileOthersMayReadIsRefusedNamingTheFieldAndTheFix() throws Exception {
        Path open = file("open.key", KEY + "\n", "rw-r--r--");
        assertThat(errors(open)).contains("secrets.ageIdentityFile " + open + " may be read or written by group or others")
                .contains("chmod 600 " + open);
    }

    @Test
    void aMissingFileOrOneWithoutAKeyIsRefusedSayingHowToMakeOne() throws Exception {
        Path missing = tmp.resolve("missing.key");
        assertThat(errors(missing)).contains("secrets.ageIdentityFile " + missing + ": no such file").contains("age-keygen -o " + missing);
        Path empty = file("empty.key", "# nothing here\n", "rw-------");
        assertThat(errors(empty)).contains("secrets.ageIdentityFile " + empty + " holds no age identity");
    }
}
