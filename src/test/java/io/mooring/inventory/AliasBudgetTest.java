package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.InvalidConfigException;
import io.mooring.model.ServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aliases as real files use them pass; aliases that never end or that expand without bound are refused at their line. */
class AliasBudgetTest {
    private static final String HOSTS = "all:\n  hosts:\n    node-1: {omni_ip_lan: 10.0.0.1}\n  vars:\n";

    private static void readInventory(String yaml) {
        InventoryReader.read("inventory.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ServiceDefinition> readComponents(String yaml) {
        return ComponentsReader.read("components.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesARecursiveAliasInAListOfTheInventoryAtItsLine() {
        assertThatThrownBy(() -> readInventory(HOSTS + "    loop: &l [*l]\n")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("inventory.yml:5:15: alias *l is inside the list &l it refers to");
    }

    @Test
    void refusesARecursiveAliasInAMappingOfTheInventoryAtItsLine() {
        assertThatThrownBy(() -> readInventory(HOSTS + "    loop: &m\n      inner: {again: *m}\n"))
                .hasMessageContaining("inventory.yml:6:22: alias *m is inside the mapping &m it refers to");
    }

    @Test
    void refusesARecursiveAliasInAListOfComponentsYmlAtItsLine() {
        assertThatThrownBy(() -> readComponents("x-loop: &l\n  - a\n  - *l\nservices: {web: {image: x}}\n"))
                .hasMessageContaining("components.yml:3:5: alias *l is inside the list &l it refers to");
    }

    @Test
    void refusesARecursiveAliasInAMappingOfComponentsYmlAtItsLine() {
        assertThatThrownBy(() -> readComponents("services:\n  web: &w\n    image: x\n    labels: *w\n"))
                .hasMessageContaining("components.yml:4:13: alias *w is inside the mapping &w it refers to");
    }

    @Test
    void refusesARecursiveAliasUsedAsAKey() {
        assertThatThrownBy(() -> readInventory(HOSTS + "    loop: &k {*k: 1}\n"))
                .hasMessageContaining("inventory.yml:5:15: alias *k is inside the mapping &k it refers to");
    }

    @Test
    void refusesAnAliasToNoAnchor() {
        assertThatThrownBy(() -> readInventory(HOSTS + "    a: *nowhere\n"))
                .hasMessageContaining("inventory.yml:5:8: alias *nowhere refers to no anchor &nowhere before it");
    }

    /** 10,000 items, referenced three times at each of six levels above them: 18 aliases, 7.29 million values. */
    @Test
    void refusesAFanOutBombWithinTwentyAliasesWhileReadingIt() {
        StringBuilder yaml = new StringBuilder(HOSTS).append("    a: &a [").append("x, ".repeat(9_999)).append("x]\n");
        String previous = "a";
        for (String level : List.of("b", "c", "d", "e", "f", "g")) {
            yaml.append("    ").append(level).append(": &").append(level)
                    .append(" [*").append(previous).append(", *").append(previous).append(", *").append(previous).append("]\n");
            previous = level;
        }
        Runtime runtime = Runtime.getRuntime();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        long start = System.nanoTime();
        assertThatThrownBy(() -> readInventory(yaml.toString()))
                .hasMessageContaining("inventory.yml:8:")
                .hasMessageContaining("more than " + AliasBudget.MAX_NODES + " values once its aliases are filled in; refused as a possible alias bomb");
        long micros = (System.nanoTime() - start) / 1_000;
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("fan-out bomb (%d bytes, 18 aliases, 7.29M values once filled in): refused in %d us, heap %+d KiB%n",
                yaml.length(), micros, (heapAfter - heapBefore) / 1024);
    }

    @Test
    void refusesTheClassicBillionLaughsAtTheAliasThatCrossesTheBudget() {
        StringBuilder yaml = new StringBuilder(HOSTS).append("    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String ref = "*" + (char) (level - 1);
            yaml.append("    ").append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, ref))).append("]\n");
        }
        assertThatThrownBy(() -> readInventory(yaml.toString())).hasMessageContaining("refused as a possible alias bomb");
    }

    @Test
    void refusesAScalarAliasedUntilItsTextPassesTheBudget() {
        String big = "y".repeat(600_000);
        String yaml = HOSTS + "    a: &a " + big + "\n    b: [*a, *a, *a, *a, *a, *a, *a, *a]\n";
        assertThatThrownBy(() -> readInventory(yaml)).hasMessageContaining("inventory.yml:6:")
                .hasMessageContaining("characters of text once its aliases are filled in");
    }

    @Test
    void refusesAnAliasThatNestsTheFileTooDeepOnceFilledIn() {
        String deep = "[".repeat(20) + "]".repeat(20);
        assertThatThrownBy(() -> readInventory(HOSTS + "    a: &a " + deep + "\n    b: [[[[[[[[[[[[*a]]]]]]]]]]]]\n"))
                .hasMessageContaining("inventory.yml:6:").hasMessageContaining("alias *a nests the file deeper than 32 levels");
    }

    @Test
    void acceptsARealisticComposeFileWithFortyFiveServicesOnMergedAnchors() {
        StringBuilder yaml = new StringBuilder("""
                x-logging: &logging
                  labels:
                    com.example.logging: json-file
                    com.example.team: platform
                x-restart: &restart
                  restart: unless-stopped
                x-env: &env
                  TZ: UTC
                  LOG_LEVEL: info
                x-healthcheck: &healthcheck
                  test: ["CMD", "true"]
                  interval: 10s
                  timeout: 5s
                  retries: 3
                x-common: &common
                  <<: [*logging, *restart]
                  healthcheck: *healthcheck
                  environment: *env
                services:
                  db:
                    <<: *common
                    image: postgres:16
                """);
        for (int i = 1; i <= 45; i++) {
            yaml.append("  app-").append(i).append(":\n")
                    .append("    <<: *common\n")
                    .append("    image: registry.example.com/app-").append(i).append(":1.").append(i).append('\n')
                    .append("    environment:\n      <<: *env\n      SERVICE_INDEX: \"").append(i).append("\"\n")
                    .append("    depends_on: [db]\n");
        }
        List<ServiceDefinition> services = readComponents(yaml.toString());
        assertThat(services).hasSize(46);
        ServiceDefinition app = services.get(45);
        assertThat(app.name()).isEqualTo("app-45");
        assertThat(app.restart()).isEqualTo("unless-stopped");
        assertThat(app.labels()).containsKey("com.example.logging");
        assertThat(app.environment()).containsKeys("TZ", "LOG_LEVEL", "SERVICE_INDEX");
        assertThat(app.healthcheck().retries()).isEqualTo(3);
        assertThat(services.get(0).environment()).containsOnlyKeys("TZ", "LOG_LEVEL");
    }

    @Test
    void refusesAKeyLongerThanANameAtItsLine() {
        assertThatThrownBy(() -> readInventory(HOSTS + "    ? " + "k".repeat(300) + "\n    : [1, 2]\n"))
                .hasMessageContaining("inventory.yml:5:7: a key of 300 characters; keys are at most 256");
    }

    @Test
    void findsTheLineOfASchemaProblemUnderAnAliasedMapping() {
        assertThatThrownBy(() -> readComponents("x-e: &e {A: [1]}\nservices:\n  web: {image: x, environment: *e}\n"))
                .hasMessageContaining("components.yml:1:");
    }
}
