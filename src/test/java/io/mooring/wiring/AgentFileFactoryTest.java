package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.mooring.MooringConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The agent file read without Dropwizard's metadata walk: the same configuration, the same errors, overrides still applied. */
class AgentFileFactoryTest {
    private static ConfigurationFactory<MooringConfiguration> ours(String prefix) {
        return new AgentFileFactory<MooringConfiguration>().create(MooringConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), prefix);
    }

    private static ConfigurationFactory<MooringConfiguration> dropwizards() {
        return new DefaultConfigurationFactoryFactory<MooringConfiguration>().create(MooringConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
    }

    private static MooringConfiguration load(ConfigurationFactory<MooringConfiguration> factory, String yaml) throws Exception {
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml");
    }

    @Test
    void theShippedExampleBindsAsDropwizardsOwnFactoryBindsIt() throws Exception {
        MooringConfiguration ours = ours("dw").build(Path.of("systemd/mooring.yml").toFile());

        assertThat(ours).usingRecursiveComparison().isEqualTo(dropwizards().build(Path.of("systemd/mooring.yml").toFile()));
        assertThat(ours.getServerFactory()).as("a polymorphic block, bound through the copied mapper's subtypes").isNotNull();
    }

    @Test
    void aMisspelledFieldAndABadValueAreTheErrorsDropwizardGives() {
        for (String yaml : new String[] {"repo: /srv/config\nintervall: 5s\n", "repo: /srv/config\ninterval: soon\n",
                "repo: /srv/config\ninterval: 0s\n", "repo: [/srv\n"}) {
            Throwable ours = catchThrowable(() -> load(ours("dw"), yaml));
            Throwable theirs = catchThrowable(() -> load(dropwizards(), yaml));

            assertThat(theirs).as(yaml).isNotNull();
            assertThat(ours).as(yaml).hasSameClassAs(theirs).hasMessage(theirs.getMessage());
        }
    }

    @Test
    void aSystemPropertyOverrideIsStillApplied() throws Exception {
        System.setProperty("mooringfactorytest.interval", "7s");
        try {
            assertThat(load(ours("mooringfactorytest"), "repo: /srv/config\ninterval: 30s\n").getInterval().toSeconds()).isEqualTo(7);
        } finally {
            System.clearProperty("mooringfactorytest.interval");
        }
    }
}
