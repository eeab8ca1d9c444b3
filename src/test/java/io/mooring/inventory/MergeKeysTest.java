package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.Host;
import io.mooring.model.ServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merge keys as YAML 1.1 and Compose read them: written keys win over merged ones, the earlier anchor of a list wins. */
class MergeKeysTest {
    private static Host host(String yaml) {
        return InventoryReader.read("inventory.yml", yaml.getBytes(StandardCharsets.UTF_8)).host("node-1").orElseThrow();
    }

    private static List<ServiceDefinition> services(String yaml) {
        return ComponentsReader.read("components.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mergesOneAnchorIntoAHostsVariables() {
        Host host = host("""
                all:
                  vars:
                    web_version: '1'
                  children:
                    lan:
                      vars: &lan {infra_env: lan, certs: selfsigned}
                  hosts:
                    node-1:
                      <<: *lan
                      omni_ip_lan: 10.0.0.1
                """);
        assertThat(host.vars()).containsEntry("infra_env", "lan").containsEntry("certs", "selfsigned").containsEntry("omni_ip_lan", "10.0.0.1");
    }

    @Test
    void mergesAListOfAnchorsTheEarlierWinning() {
        Host host = host("""
                all:
                  children:
                    first:
                      vars: &first {a: first, b: first}
                    second:
                      vars: &second {b: second, c: second}
                  hosts:
                    node-1:
                      <<: [*first, *second]
                """);
        assertThat(host.vars()).containsEntry("a", "first").containsEntry("b", "first").containsEntry("c", "second");
    }

    @Test
    void keysWrittenInTheMappingWinOverMergedOnesWhereverTheyAreWritten() {
        List<ServiceDefinition> read = services("""
                x-base: &base {image: base, restart: always}
                services:
                  before:
                    restart: "no"
                    <<: *base
                  after:
                    <<: *base
                    image: own
                """);
        assertThat(read.get(0).restart()).isEqualTo("no");
        assertThat(read.get(0).image().text()).isEqualTo("base");
        assertThat(read.get(1).image().text()).isEqualTo("own");
        assertThat(read.get(1).restart()).isEqualTo("always");
    }

    @Test
    void aMergedMappingKeepsItsOwnMergeKeys() {
        List<ServiceDefinition> read = services("""
                x-one: &one {restart: always}
                x-two: &two {<<: *one, image: two}
                services:
                  web: {<<: *two}
                """);
        assertThat(read.get(0).restart()).isEqualTo("always");
        assertThat(read.get(0).image().text()).isEqualTo("two");
    }

    @Test
    void aProblemInAMergedValueIsReportedWhereTheValueIsWritten() {
        assertThatThrownBy(() -> services("""
                x-base: &base
                  restart: sometimes
                services:
                  web:
                    <<: *base
                    image: x
                """)).hasMessageContaining("components.yml:2:12: services.web.restart must be one of");
    }

    @Test
    void refusesAMergeKeyOfAListAtTheMergeKey() {
        assertThatThrownBy(() -> services("x-l: &l [a]\nservices:\n  web:\n    <<: *l\n    image: x\n"))
                .hasMessageContaining("components.yml:4:5: merge key << takes a mapping (<<: *anchor) or a list of mappings (<<: [*a, *b]), not a list");
    }

    @Test
    void refusesAMergeKeyOfAListHoldingAValue() {
        assertThatThrownBy(() -> services("x-m: &m {image: x}\nservices:\n  web: {<<: [*m, 5]}\n"))
                .hasMessageContaining("components.yml:3:9: merge key << takes").hasMessageContaining("not a list holding a single value");
    }

    @Test
    void refusesTwoMergeKeysInOneMapping() {
        assertThatThrownBy(() -> services("x-m: &m {image: x}\nservices:\n  web:\n    <<: *m\n    <<: *m\n"))
                .hasMessageContaining("components.yml:5:5: a second merge key <<");
    }

    @Test
    void keepsRefusingAKeyWrittenTwice() {
        assertThatThrownBy(() -> services("x-m: &m {image: x}\nservices:\n  web:\n    <<: *m\n    restart: always\n    restart: always\n"))
                .hasMessageContaining("components.yml:6:5: duplicate key restart (first at line 5)");
    }

    @Test
    void readsTwoAngleBracketsAsTextWhereTheyAreNotAKey() {
        assertThat(services("services:\n  web: {image: x, command: [echo, <<]}\n").get(0).command().get(1).text()).isEqualTo("<<");
    }
}
