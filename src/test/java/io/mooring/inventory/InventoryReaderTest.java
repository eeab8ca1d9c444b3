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
    void aDuplicateKeyIsAWarningNamingBothLinesAndTheLastWins() {
        Inventory inventory = read("""
                all:
                  hosts:
                    a: {omni_ip_lan: 10.0.0.1}
                    a: {omni_ip_lan: 10.0.0.2}
                  vars:
                    postgres_host:
                    postgres_host: db.example.net
                """);
        assertThat(inventory.host("a").orElseThrow().vars()).containsEntry("omni_ip_lan", "10.0.0.2")
                .containsEntry("postgres_host", "db.example.net");
        assertThat(inventory.warnings()).extracting(Object::toString).containsExactly(
                "instances/acme/inventory.yml:3:5: warning: duplicate key a at lines 3 and 4; the one at line 4 wins, as in Ansible (remove the other)",
                "instances/acme/inventory.yml:6:5: warning: duplicate key postgres_host at lines 6 and 7; the one at line 7 wins, as in Ansible (remove the other)");
    }

    @Test
    void groupVarsApplyByDepthThenNameAndHostVarsWinWhereverTheyAreWritten() {
        Inventory inventory = read("""
                all:
                  vars: {tag: all, who: all}
                  hosts:
                    h1: {ansible_host: 203.0.113.1}
                  children:
                    zeta:
                      vars: {tag: zeta, who: zeta}
                      hosts: {h1: }
                      children:
                        inner: {vars: {tag: inner}, hosts: {h1: }}
                    alpha:
                      vars: {tag: alpha, who: alpha}
                      hosts: {h1: {omni_ip_lan: 192.0.2.1}}
                omnileads_aio:
                  hosts:
                    h1:
                """);
        Host h1 = inventory.host("h1").orElseThrow();
        // inner is deepest, so it wins; of alpha and zeta (equal depth) the later name wins.
        assertThat(h1.vars()).containsEntry("tag", "inner").containsEntry("who", "zeta")
                .containsEntry("ansible_host", "203.0.113.1").containsEntry("omni_ip_lan", "192.0.2.1");
        assertThat(h1.groups()).containsExactly("alpha", "omnileads_aio", "zeta", "inner");
        assertThat(h1.origin("tag").line()).isEqualTo(10);
    }

    @Test
    void roleGroupsBesideAllListHostsWithNullsAndAnEmptyGroupIsEmpty() {
        Inventory inventory = read("""
                all:
                  children:
                    acme:
                      hosts:
                        acme_data: {ansible_host: 192.0.2.21, omni_ip_lan: 192.0.2.21}
                        acme_app: {ansible_host: 192.0.2.23, omni_ip_lan: 192.0.2.23, openai_api_key: , google_maps_api_key: NULL}
                      vars: {tenant_id: acme}
                omnileads_data:
                  hosts:
                    acme_data:
                omnileads_app: {hosts: {acme_app: }}
                omnileads_voice:
                  hosts:
                    #acme_voice:
                """);
        assertThat(inventory.hostMap().keySet()).containsExactly("acme_app", "acme_data");
        assertThat(inventory.host("acme_data").orElseThrow().groups()).containsExactly("acme", "omnileads_data");
        assertThat(inventory.host("acme_app").orElseThrow().vars()).containsEntry("openai_api_key", "")
                .containsEntry("google_maps_api_key", "").containsEntry("tenant_id", "acme");
        assertThat(inventory.warnings()).isEmpty();
    }

    @Test
    void aHostListedInARoleGroupButDefinedNowhereIsRefusedAtItsLine() {
        String message = errorOf("""
                all:
                  hosts:
                    newco_acd: {ansible_host: 192.0.2.5}
                acd:
                  hosts:
                    oldco_acd:
                """);
        assertThat(message).contains("inventory.yml:6:5: host oldco_acd is listed in role group acd (at the root, beside all:)"
                + " but defined nowhere under all:").contains("hosts defined: newco_acd");
        assertThat(errorOf("""
                all:
                  hosts: {x: {ansible_host: 192.0.2.5}}
                data_statefull: {hosts: {x_1: , x_2: }}
                """)).contains(":3:26: host x_1 is listed in role group data_statefull").contains(":3:33: host x_2 is listed");
        // Under all.hosts, all.children (the name is the address, as Ansible reads it), or in a group that gives it
        // vars, a host without vars of its own is defined.
        assertThat(read("all:\n  hosts: {local: }\n  children: {web: {hosts: {w: }, vars: {a: 1}}}\n").hostMap()).containsOnlyKeys("local", "w");
        assertThat(read("all: {children: {web: {hosts: {node-1: }}}}\n").hostMap()).containsOnlyKeys("node-1");
        assertThat(read("""
                all:
                  hosts: {x: {ansible_host: 192.0.2.5}}
                  children:
                    data_statefull: {hosts: {x_1: , x_2: }}
                """).hostMap()).containsOnlyKeys("x", "x_1", "x_2");
        // A file whose hosts are written only in root role groups defines them there.
        assertThat(read("all: {vars: {a: 1}}\nomnileads_aio: {hosts: {node-1: }}\n").hostMap()).containsOnlyKeys("node-1");
    }

    @Test
    void checksTheJinjaOfValuesAtTheirLine() {
        assertThat(read("""
                all:
                  hosts: {a: {omni_ip_lan: 192.0.2.1}}
                  vars:
                    data_host: "{{ hostvars['a'].omni_ip_lan }}"
                    b: "{{ hostvars['a']['omni_ip_lan'] }}:{{ port | default(5432) }}"
                    c: "{{ vault_postgres_password }}"
                    rtpengine_rtp_addr: "internal/${RTPENGINE_HOSTNAME};external/${PUBLIC_IP}"
                """).host("a").orElseThrow().vars()).containsEntry("rtpengine_rtp_addr", "internal/${RTPENGINE_HOSTNAME};external/${PUBLIC_IP}");
        String message = errorOf("""
                all:
                  hosts: {a: {}}
                  vars:
                    upper: "{{ tenant | upper }}"
                    cond: "{% if x %}y{% endif %}"
                    typo: "{{ TZ}"
                    sum: "{{ a + b }}"
                """);
        assertThat(message).contains("inventory.yml:4:12: upper: unsupported Jinja in {{ tenant | upper }}: the filter '| upper'")
                .contains("inventory.yml:5:11: cond: Jinja statement {% if x %} is not supported")
                .contains("inventory.yml:6:11: typo: '{{' without a closing '}}'")
                .contains("inventory.yml:7:10: sum: unsupported Jinja in {{ a + b }}: '+ b'");
    }

    @Test
    void infraEnvTakesTheToolsValuesAndNatNeedsItsAddress() {
        for (String env : new String[] {"cloud", "lan", "hybrid", "all", "custom"}) {
            assertThat(read("all:\n  hosts: {a: {}}\n  vars: {infra_env: " + env + "}\n").host("a").orElseThrow().vars())
                    .containsEntry("infra_env", env);
        }
        assertThat(read("all:\n  hosts: {a: {nat_ip_addr: 203.0.113.9}}\n  vars: {infra_env: nat}\n").host("a").orElseThrow().vars())
                .containsEntry("nat_ip_addr", "203.0.113.9");
        assertThat(errorOf("all:\n  hosts: {a: {}}\n  vars: {infra_env: nat}\n"))
                .contains("inventory.yml:3:21: host a: infra_env nat needs nat_ip_addr");
        assertThat(errorOf("all:\n  hosts: {a: {nat_ip_addr: my-nat}}\n  vars: {infra_env: nat}\n"))
                .contains("inventory.yml:2:28: nat_ip_addr 'my-nat' must be an IPv4 address");
    }

    @Test
    void refusesAGroupThatContainsItself() {
        assertThat(errorOf("""
                all:
                  children:
                    a: {children: {b: {hosts: {h: {}}}}}
                b:
                  children:
                    a:
                """)).contains("groups [a, b] are their own ancestors");
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
