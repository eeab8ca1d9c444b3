package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InventoryReaderTest {
    private static Inventory read(String yaml) {
        return InventoryReader.read("instances/acme/inventory.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static String errorOf(String yaml) {
        try {
            read(yaml);
        } catch (InvalidConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the inventory to be refused");
    }

    @Test
    void readsTheSeedTwoHostLayout() {
        Inventory inventory = read("""
                all:
                  hosts:
                    omnileads-voice:
                      ansible_host: 190.19.111.23
                      omni_ip_lan: 10.10.10.3
                      application_host: 10.10.10.4
                    omnileads-app:
                      ansible_host: 190.19.111.22
                      omni_ip_lan: 10.10.10.4
                      voice_host: 10.10.10.3
                  vars:
                    django_version: latest
                    asterisk_version: ff63617b
                    infra_env: cloud # (values: cloud or lan)
                    ansible_ssh_port: 22
                """);
        assertThat(inventory.hostMap().keySet()).containsExactly("omnileads-app", "omnileads-voice");
        Host voice = inventory.host("omnileads-voice").orElseThrow();
        assertThat(voice.vars()).containsEntry("omni_ip_lan", "10.10.10.3")
                .containsEntry("asterisk_version", "ff63617b")
                .containsEntry("ansible_ssh_port", "22")
                .containsEntry("inventory_hostname", "omnileads-voice");
    }

    @Test
    void hostVarsWinOverGroupVarsWhichWinOverAllVars() {
        Inventory inventory = read("""
                all:
                  vars: {tag: from-all, region: eu, roles: [base]}
                  children:
                    voice:
                      vars: {tag: from-group}
                      hosts:
                        v1: {tag: from-host, roles: [asterisk]}
                        v2:
                """);
        assertThat(inventory.host("v1").orElseThrow().vars()).containsEntry("tag", "from-host").containsEntry("region", "eu");
        assertThat(inventory.host("v1").orElseThrow().roles()).containsExactly("asterisk");
        assertThat(inventory.host("v2").orElseThrow().vars()).containsEntry("tag", "from-group");
        assertThat(inventory.host("v2").orElseThrow().roles()).containsExactly("base");
    }

    @Test
    void reportsEveryProblemWithItsLineAndColumn() {
        String message = errorOf("""
                all:
                  hosts:
                    app:
                      roles: web
                  varz: {}
                """);
        assertThat(message).contains("instances/acme/inventory.yml:4:14: roles must be a list")
                .contains("instances/acme/inventory.yml:5:3: unknown key 'varz'");
    }

    @Test
    void refusesAnInventoryWithoutHosts() {
        assertThat(errorOf("all:\n  vars: {a: 1}\n")).contains("names no host");
        assertThat(errorOf("")).contains("empty");
        assertThat(errorOf("hosts: [a]\n")).contains("must start with 'all:'");
    }

    @Test
    void readsUnquotedDatesAsText() {
        assertThat(read("all:\n  hosts:\n    a: {build_date: 2024-05-01}\n").host("a").orElseThrow().vars())
                .containsEntry("build_date", "2024-05-01");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThat(errorOf("all:\n  hosts:\n    a: {}\n    a: {}\n")).contains(":4:").contains("duplicate key a");
    }

    @Test
    void refusesLanguageTagsWithoutConstructingThem() {
        assertThat(errorOf("all:\n  hosts:\n    a: !!python/object/apply:os.system ['id']\n"))
                .contains(":3:8:").contains("python/object/apply:os.system").contains("not allowed");
        assertThat(errorOf("all: !!javax.script.ScriptEngineManager [x]\n")).contains("is not allowed");
    }

    @Test
    void refusesAliasBombsInBoundedWork() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            bomb.append(("*" + prev + ", ").repeat(8)).append('*').append(prev).append("]\n");
        }
        assertThatThrownBy(() -> read(bomb.toString())).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void refusesDeepNesting() {
        assertThat(errorOf("all: " + "[".repeat(200) + "]".repeat(200) + "\n")).contains("nested deeper than");
    }

    @Test
    void refusesNulBytesAndNonUtf8() {
        assertThat(errorOf("all:\n  hosts:\n    a\0b: {}\n")).contains("instances/acme/inventory.yml:3:6: file contains a NUL");
        assertThatThrownBy(() -> InventoryReader.read("inv.yml", new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28}))
                .hasMessageContaining("inv.yml:1:4: file is not UTF-8");
    }

    @Test
    void refusesOversizeFiles() {
        byte[] big = new byte[SafeYaml.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        assertThatThrownBy(() -> InventoryReader.read("inv.yml", big)).hasMessageContaining("the limit is");
    }
}
