package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Promtool;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus examples an operator copies: the scrape configuration and the alerting rules load in Prometheus' own
 * checker, and the rules' unit tests pass (a node down fires, a certificate close to its end fires, not earlier).
 */
class AlertRulesIT {
    private static final String FOLDER = "examples/prometheus/";

    @Test
    void theRulesAndTheScrapeConfigurationAreValid() throws Exception {
        Promtool.Result rules = Promtool.run(null, "check", "rules", FOLDER + "mooring-rules.yml");
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS: 9 rules found");
        Promtool.Result config = Promtool.run(null, "check", "config", FOLDER + "prometheus.yml");
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    @Test
    void aNodeDownAndACertificateCloseToItsEndFire() throws Exception {
        Promtool.Result tests = Promtool.run(null, "test", "rules", FOLDER + "mooring-rules.test.yml");
        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("SUCCESS");
    }
}
