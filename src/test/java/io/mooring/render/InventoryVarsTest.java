package io.mooring.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.inventory.InventoryReader;
import io.mooring.model.Host;
import io.mooring.model.Inventory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InventoryVarsTest {
    private static Inventory inventory(String yaml) {
        return InventoryReader.read("inventory.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Inventory inventory, String host, String name) {
        return new InventoryVars(inventory).value(inventory.host(host).orElseThrow(), name);
    }

    @Test
    void fillsInVariablesPerHostAsAnsibleDoes() {
        Inventory inventory = inventory("""
                all:
                  hosts:
                    data: {omni_ip_lan: 192.0.2.21, port: 5433}
                    app: {omni_ip_lan: 192.0.2.23, empty: }
                  vars:
                    data_host: "{{ hostvars['data'].omni_ip_lan }}"
                    url: "postgres://{{ hostvars['data']['omni_ip_lan'] }}:{{ port | default(5432) }}/{{ inventory_hostname }}"
                    me: "{{ omni_ip_lan }}"
                    fallback: "{{ empty | default('x') }}-{{ empty | default('y', true) }}"
                    joined: "{{ omni_ip_lan ~ '/24' }}"
                """);
        assertThat(value(inventory, "app", "data_host")).isEqualTo("192.0.2.21");
        assertThat(value(inventory, "app", "url")).isEqualTo("postgres://192.0.2.21:5432/app");
        assertThat(value(inventory, "data", "url")).isEqualTo("postgres://192.0.2.21:5433/data");
        assertThat(value(inventory, "app", "me")).isEqualTo("192.0.2.23");
        assertThat(value(inventory, "data", "me")).isEqualTo("192.0.2.21");
        assertThat(value(inventory, "app", "fallback")).isEqualTo("-y");
        assertThat(value(inventory, "app", "joined")).isEqualTo("192.0.2.23/24");
        assertThat(value(inventory, "app", "nope")).isNull();
    }

    @Test
    void aCycleIsAnErrorNamingIt() {
        Inventory inventory = inventory("""
                all:
                  hosts: {a: {}}
                  vars:
                    x: "{{ y }}"
                    y: "{{ z }}"
                    z: "{{ x }}"
                    self: "{{ self }}"
                """);
        assertThatThrownBy(() -> value(inventory, "a", "x"))
                .hasMessageContaining("inventory.yml:4:8: x refers to itself through x (host a) -> y (host a) -> z (host a) -> x (host a)");
        assertThatThrownBy(() -> value(inventory, "a", "self")).hasMessageContaining("self refers to itself through self (host a) -> self (host a)");
    }

    @Test
    void aLongChainOrAnExpandingOneIsRefusedInBoundedWork() {
        StringBuilder chain = new StringBuilder("all:\n  hosts: {a: {}}\n  vars:\n    v0: x\n");
        for (int i = 1; i <= 5000; i++) {
            chain.append("    v").append(i).append(": \"{{ v").append(i - 1).append(" }}{{ v").append(i - 1).append(" }}\"\n");
        }
        Inventory inventory = inventory(chain.toString());
        assertThatThrownBy(() -> value(inventory, "a", "v5000")).hasMessageContaining("refer to each other more than 32 deep");
        assertThatThrownBy(() -> value(inventory, "a", "v30")).hasMessageContaining("longer than 65536 characters");
        assertThat(value(inventory, "a", "v10")).hasSize(1024);

        StringBuilder wide = new StringBuilder("all:\n  hosts: {a: {}}\n  vars:\n    big: '" + "x".repeat(60_000) + "'\n");
        for (int i = 0; i < 100; i++) {
            wide.append("    c").append(i).append(": \"{{ big }}\"\n");
        }
        Inventory copies = inventory(wide.toString());
        InventoryVars vars = new InventoryVars(copies);
        Host a = copies.host("a").orElseThrow();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                vars.value(a, "c" + i);
            }
        }).hasMessageContaining("add up to more than 4194304 characters");
    }

    @Test
    void undefinedNamesSecretsAndHostsAreErrorsAtTheValue() {
        Inventory inventory = inventory("""
                all:
                  hosts: {a: {}}
                  vars:
                    u: "{{ nope }}"
                    s: "{{ vault_db_password }}"
                    d: "{{ vault_db_password | default('plain') }}"
                    h: "{{ hostvars['b'].omni_ip_lan }}"
                    p: "{{ playbook_dir }}/x"
                """);
        assertThatThrownBy(() -> value(inventory, "a", "u")).hasMessageContaining("inventory.yml:4:8: u: {{ nope }} refers to nope, which is not defined");
        assertThatThrownBy(() -> value(inventory, "a", "s")).hasMessageContaining("names the secret vault_db_password");
        assertThat(value(inventory, "a", "d")).isEqualTo("plain");
        assertThatThrownBy(() -> value(inventory, "a", "h")).hasMessageContaining("names host b, which is not in this inventory; its hosts are [a]");
        assertThatThrownBy(() -> value(inventory, "a", "p")).hasMessageContaining("playbook_dir is the deploy tool's folder");
    }

    @Test
    void imagesAsTheToolPicksThem() {
        Function<Map<String, String>, String> app = vars -> new ImageChoice("inventory.yml", vars::get, name -> null)
                .choose(ReleaseImages.IMAGES.get(0));
        assertThat(app.apply(Map.of())).isEqualTo("docker.io/omnileads/omlapp:241121.01");
        assertThat(app.apply(Map.of("oml_registry", "127.0.0.1:5000/mirror"))).isEqualTo("127.0.0.1:5000/mirror/omlapp:241121.01");
        assertThat(app.apply(Map.of("django_version", "latest", "oml_registry", "127.0.0.1:5000/mirror")))
                .isEqualTo("127.0.0.1:5000/mirror/omlapp:latest");
        assertThat(app.apply(Map.of("omnileads_version", "1.30.0", "enterprise_edition", "True")))
                .isEqualTo("docker.io/omnileads/omlapp:1.30.0-enterprise");
        assertThat(app.apply(Map.of("omnileads_img", "docker.io/omnileads/omlapp:241121.01", "APP_IMG", "localhost/omlapp:devenv")))
                .isEqualTo("localhost/omlapp:devenv");
        Host host = new Host("a", Map.of(), java.util.List.of());
        ReleaseImages.Image postgres = ReleaseImages.IMAGES.stream().filter(i -> i.component().equals("postgresql")).findFirst().orElseThrow();
        assertThat(new ImageChoice("inventory.yml", Map.of("postgresql_version", "16")::get, host::origin).choose(postgres))
                .isEqualTo("docker.io/library/postgres:16");
        assertThatThrownBy(() -> app.apply(Map.of("omnileads_img", "241121.01")))
                .hasMessageContaining("omnileads_img '241121.01' is a tag, not an image (component django): write the whole reference,"
                        + " such as docker.io/omnileads/omlapp:241121.01");
        assertThatThrownBy(() -> app.apply(Map.of("omnileads_img", "")))
                .hasMessageContaining("omnileads_img is empty (null), and component django needs its image from it");
    }

    @Test
    void aLongDefaultChainIsRefusedAtItsLineAndAShortOneEvaluatedInALoop() {
        String chained = "all:\n  hosts: {a: {e: ''}}\n  vars:\n    x: \"{{ a" + "|d".repeat(10_000) + " }}\"\n";
        assertThatThrownBy(() -> value(inventory(chained), "a", "x"))
                .hasMessageContaining("inventory.yml:4:8: x: unsupported Jinja")
                .hasMessageContaining("more than 16 filters in one expression");
        Inventory sixteen = inventory("""
                all:
                  hosts: {a: {e: '', v: 'set'}}
                  vars:
                    x: "{{ nope | d(nope2) | d(nope3) | d(e) | d('', true) | d(e, true) | d('last', true) | d('unused') }}"
                    y: "{{ v | d('no') | d('no', true) }}"
                    z: "{{ nope | d(nope2) }}"
                """);
        assertThat(value(sixteen, "a", "x")).isEqualTo("last");
        assertThat(value(sixteen, "a", "y")).isEqualTo("set");
        assertThatThrownBy(() -> value(sixteen, "a", "z")).hasMessageContaining("refers to nope2, which is not defined");
    }

    @Test
    void concatenationIsCheckedBeforeEachPieceAndEveryPieceCountsTowardTheTotal() {
        StringBuilder file = new StringBuilder("all:\n  hosts: {a: {}}\n  vars:\n    a: '" + "x".repeat(60_000) + "'\n    x: \"{{ a");
        file.append(" ~ a".repeat(200_000)).append(" }}\"\n");
        Inventory concatenated = inventory(file.toString());
        long start = System.nanoTime();
        assertThatThrownBy(() -> value(concatenated, "a", "x"))
                .hasMessageContaining("inventory.yml:5:8: x: its value once filled in is longer than 65536 characters");
        System.out.printf("%d KB of '{{ a ~ a ~ ... }}' refused in %d ms%n", file.length() / 1024, (System.nanoTime() - start) / 1_000_000);

        StringBuilder reused = new StringBuilder("all:\n  hosts: {a: {}}\n  vars:\n    big: '" + "x".repeat(30_000) + "'\n");
        reused.append("    c: \"{{ big }}\"\n");
        for (int i = 0; i < 200; i++) {
            reused.append("    y").append(i).append(": \"{{ c ~ c }}\"\n");
        }
        Inventory copies = inventory(reused.toString());
        InventoryVars vars = new InventoryVars(copies);
        Host a = copies.host("a").orElseThrow();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 200; i++) {
                vars.value(a, "y" + i);
            }
        }).hasMessageContaining("add up to more than 4194304 characters (the limit of one render)").hasMessageMatching("(?s).*: y\\d+: .*");
    }

    /** The stateful components keep what the built-in set ran before the release pins, unless the inventory names their image. */
    @Test
    void statefulComponentsKeepTheirEarlierDefaultsUntilTheInventoryNamesTheirImage() {
        Host host = new Host("a", Map.of(), java.util.List.of());
        java.util.function.BiFunction<String, Map<String, String>, String> choose = (component, vars) -> new ImageChoice("inventory.yml",
                vars::get, host::origin).choose(ReleaseImages.IMAGES.stream().filter(i -> i.component().equals(component)).findFirst().orElseThrow());
        // Nothing named, or only other components' images (a deploy-tool inventory naming its application): as before.
        for (Map<String, String> vars : java.util.List.of(Map.<String, String>of(), Map.of("omnileads_img", "docker.io/omnileads/omlapp:241121.01"))) {
            assertThat(choose.apply("postgresql", vars)).isEqualTo("docker.io/library/postgres:14");
            assertThat(choose.apply("redis", vars)).isEqualTo("docker.io/library/redis:7");
            assertThat(choose.apply("minio", vars)).isEqualTo("docker.io/minio/minio:latest");
        }
        // Mooring's own variables complete what the built-in set had.
        assertThat(choose.apply("redis", Map.of("redis_image", "127.0.0.1:5000/redis"))).isEqualTo("127.0.0.1:5000/redis:7");
        assertThat(choose.apply("minio", Map.of("minio_version", "RELEASE.2024-01-01T00-00-00Z")))
                .isEqualTo("docker.io/minio/minio:RELEASE.2024-01-01T00-00-00Z");
        // The deploy tool's variables for the component say which release it is from.
        assertThat(choose.apply("postgresql", Map.of("postgres_img", "docker.io/postgres:14.9-bullseye"))).isEqualTo("docker.io/postgres:14.9-bullseye");
        assertThat(choose.apply("redis", Map.of("REDIS_IMG", "docker.io/freetechsolutions/redis:20250115-1a2b3c4")))
                .isEqualTo("docker.io/freetechsolutions/redis:20250115-1a2b3c4");
        assertThat(choose.apply("redis", Map.of("redis_version", "231125.01"))).isEqualTo("docker.io/omnileads/redis:231125.01");
        assertThatThrownBy(() -> choose.apply("minio", Map.of("minio_img", "")))
                .hasMessageContaining("remove the line to use docker.io/minio/minio:latest");
        assertThat(choose.apply("nginx", Map.of())).isEqualTo("docker.io/omnileads/nginx:241009.01");
    }

    /** A refused value is refused again from what was found, not filled in again: its lookups are spent once. */
    @Test
    void aValueRefusedIsNotFilledInAgainWhenAskedAgain() {
        Inventory inventory = inventory("all:\n  hosts: {a: {}}\n  vars:\n    e: ''\n    big: '" + "x".repeat(40_000) + "'\n"
                + "    v: \"" + "{{ e }}".repeat(10_000) + "{{ big }}{{ big }}\"\n");
        InventoryVars vars = new InventoryVars(inventory);
        Host a = inventory.host("a").orElseThrow();
        for (int i = 0; i < 150; i++) {
            assertThatThrownBy(() -> vars.value(a, "v")).hasMessageContaining("v: its value once filled in is longer than 65536");
        }
        assertThat(vars.exhausted()).isFalse();
    }
}
