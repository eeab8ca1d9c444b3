package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy's Swarm keys are kept as written, each where it is written; what Mooring does not carry is refused naming it. */
class DeployReaderTest {
    private static ServiceDefinition read(String yaml) {
        return ComponentsReader.read("components.yml", yaml.getBytes(StandardCharsets.UTF_8)).get(0);
    }

    @Test
    void keepsEachSwarmKeyAndItsPlace() {
        ServiceOptions options = read("""
                services:
                  web:
                    image: demo/web:1
                    deploy:
                      replicas: ${web_replicas}
                      mode: replicated
                      placement:
                        constraints: [node.labels.zone==a, "node.role != manager"]
                      update_config: {parallelism: 2, delay: 5s, order: stop-first, failure_action: pause, monitor: 30s,
                                      max_failure_ratio: 0.5}
                      rollback_config: {parallelism: 2}
                      restart_policy:
                        condition: on-failure
                        max_attempts: 3
                      resources: {limits: {cpus: "0.5"}, reservations: {cpus: "0.25", memory: 64m}}
                """).options();
        assertThat(at(options.value("deploy.replicas"))).isEqualTo("${web_replicas} at components.yml:5:17");
        assertThat(at(options.value("deploy.mode"))).isEqualTo("replicated at components.yml:6:13");
        assertThat(options.list("deploy.placement.constraints")).extracting(DeployReaderTest::at)
                .containsExactly("node.labels.zone==a at components.yml:8:23", "node.role != manager at components.yml:8:44");
        assertThat(at(options.value("deploy.placement"))).isEqualTo(" at components.yml:8:9");
        assertThat(at(options.value("deploy.update_config.order"))).isEqualTo("stop-first at components.yml:9:57");
        assertThat(at(options.value("deploy.update_config.max_failure_ratio"))).isEqualTo("0.5 at components.yml:10:42");
        assertThat(options.value("deploy.update_config.monitor").text()).isEqualTo("30s");
        assertThat(at(options.value("deploy.rollback_config.parallelism"))).isEqualTo("2 at components.yml:11:38");
        assertThat(at(options.value("deploy.restart_policy"))).isEqualTo(" at components.yml:13:9");
        assertThat(at(options.value("deploy.restart_policy.max_attempts"))).isEqualTo("3 at components.yml:14:23");
        assertThat(options.value("cpus").text()).isEqualTo("0.5");
        assertThat(options.value("cpu_reservation").text()).isEqualTo("0.25");
        assertThat(options.value("mem_reservation").text()).isEqualTo("64m");
        assertThat(ServiceOptions.SWARM_KEYS).allMatch(k -> options.value(k) != null);
    }

    @Test
    void withoutDeployNoSwarmKeyIsKept() {
        ServiceOptions options = read("services:\n  web: {image: demo/web:1, deploy: {resources: {limits: {memory: 1g}}}}\n").options();
        assertThat(ServiceOptions.SWARM_KEYS).allMatch(k -> options.value(k) == null);
        assertThat(options.value("mem_limit").text()).isEqualTo("1g");
    }

    @Test
    void refusesWhatMooringDoesNotCarryNamingIt() {
        assertThatThrownBy(() -> read("""
                services:
                  web:
                    image: demo/web:1
                    deploy:
                      mode: global
                      placement: {preferences: [{spread: node.labels.zone}], max_replicas_per_node: 1}
                      endpoint_mode: dnsrr
                      labels: {a: b}
                      update_config: {paralelism: 2}
                """))
                .hasMessageContaining("components.yml:5:13: services.web.deploy.mode 'global' is not supported yet")
                .hasMessageContaining("components.yml:6:32: services.web.deploy.placement.preferences is not supported yet")
                .hasMessageContaining("components.yml:6:85: services.web.deploy.placement.max_replicas_per_node is not supported yet")
                .hasMessageContaining("components.yml:7:22: services.web.deploy.endpoint_mode is not supported")
                .hasMessageContaining("components.yml:8:15: services.web.deploy.labels are not supported")
                .hasMessageContaining("components.yml:9:23: unknown key 'paralelism' in services.web.deploy.update_config");
    }

    private static String at(Template template) {
        return template.text() + " at " + template.location();
    }
}
