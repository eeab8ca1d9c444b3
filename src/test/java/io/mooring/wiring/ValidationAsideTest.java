package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.mooring.MooringConfiguration;
import jakarta.validation.ConstraintViolation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The agent file's validation made ready aside: the same verdicts as Dropwizard's own validator, whatever the preparation met. */
class ValidationAsideTest {
    private static final String[] FILES = {"repo: /srv/config\ninterval: 0s\n", "repo: ''\n", "interval: 5s\n",
            "repo: /srv/config\nserver: {applicationConnectors: [{type: http, port: 70000}]}\n", "repo: /srv/config\n"};

    private static Throwable load(ConfigurationFactory<MooringConfiguration> factory, String yaml) {
        return catchThrowable(() -> factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "agent.yml"));
    }

    private static ConfigurationFactory<MooringConfiguration> dropwizards() {
        return new DefaultConfigurationFactoryFactory<MooringConfiguration>().create(MooringConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
    }

    @Test
    void theFileIsJudgedAsDropwizardsValidatorJudgesIt() {
        ValidationAside aside = ValidationAside.start(MooringConfiguration::new);
        ConfigurationFactory<MooringConfiguration> ours = new AgentFileFactory<MooringConfiguration>(aside.validator())
                .create(MooringConfiguration.class, aside.factory().getValidator(), Jackson.newObjectMapper(), "dw");
        int invalid = 0;
        for (String yaml : FILES) {
            Throwable theirs = load(dropwizards(), yaml);
            Throwable mine = load(ours, yaml);
            if (theirs == null) {
                assertThat(mine).as(yaml).isNull();
            } else {
                invalid++;
                assertThat(mine).as(yaml).hasSameClassAs(theirs).hasMessage(theirs.getMessage());
            }
        }
        assertThat(invalid).as("files Dropwizard refuses").isEqualTo(FILES.length - 1);
    }

    @Test
    void aPreparationThatFailsLeavesTheValidationWhole() {
        ValidationAside aside = ValidationAside.start(() -> {
            throw new IllegalStateException("no default configuration here");
        });
        MooringConfiguration config = new MooringConfiguration();

        assertThat(paths(aside.validator().validate(config))).isEqualTo(paths(Validators.newValidator().validate(config))).isNotEmpty();
    }

    private static Set<String> paths(Set<ConstraintViolation<MooringConfiguration>> violations) {
        return violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.toSet());
    }
}
