package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.model.Inventory;
import io.mooring.model.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A deploy-tool inventory split into tenant inventories, with Ansible's precedence flattened. */
class TenantImportTest {
    private static final Path IMPORT = Path.of("src/test/resources/import");

    private static List<TenantImport.Tenant> read(String name, Optional<String> tenant) throws Exception {
        return TenantImport.read(name, Files.readAllBytes(IMPORT.resolve(name)), tenant);
    }

    private static TenantImport.Tenant tenant(List<TenantImport.Tenant> tenants, String name) {
        return tenants.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aMultiTenantFileBecomesOneInventoryPerTenant() throws Exception {
        List<TenantImport.Tenant> tenants = read("multi-tenant.yml", Optional.empty());
        assertThat(tenants).extracting(TenantImport.Tenant::name).containsExactly("acme", "globex", "initech");
        for (TenantImport.Tenant tenant : tenants) {
            Inventory inventory = InventoryReader.read("inventory.yml", tenant.inventory().getBytes(StandardCharsets.UTF_8));
            assertThat(inventory.hostMap()).isNotEmpty();
        }
    }

    @Test
    void hostVarsOverrideGroupVarsWhichOverrideAllVars() throws Exception {
        List<TenantImport.Tenant> tenants = read("multi-tenant.yml", Optional.empty());
        Inventory globex = InventoryReader.read("i", tenant(tenants, "globex").inventory().getBytes(StandardCharsets.UTF_8));
        assertThat(globex.hostMap()).containsOnlyKeys("globex");
        Map<String, String> vars = globex.hostMap().get("globex").vars();
        assertThat(vars).containsEntry("infra_env", "nat").containsEntry("postgres_password", "change-me-too")
                .containsEntry("TZ", "UTC").containsEntry("tenant_id", "globex");
        Inventory initech = InventoryReader.read("i", tenant(tenants, "initech").inventory().getBytes(StandardCharsets.UTF_8));
        assertThat(initech.hostMap()).containsOnlyKeys("initech_data", "initech_voice", "initech_app");
        assertThat(initech.hostMap().get("initech_app").vars()).containsEntry("infra_env", "lan")
                .containsEntry("data_host", "192.0.2.21").containsEntry("ansible_user", "root");
        assertThat(tenant(tenants, "initech").inventory()).contains("omnileads_data:").doesNotContain("acme");
    }

    @Test
    void secretsAreListedWithTheirLineNeverTheirValue() throws Exception {
        TenantImport.Tenant globex = tenant(read("multi-tenant.yml", Optional.empty()), "globex");
        assertThat(globex.secrets()).extracting(s -> s.name() + "@" + s.where().line())
                .contains("postgres_password@13", "bucket_secret_key@29");
        assertThat(globex.secrets().toString()).doesNotContain("change-me");
    }

    @Test
    void aBadTenantIdIsRefusedAtItsLine() {
        assertThatThrownBy(() -> read("bad-tenant-id.yml", Optional.empty()))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("bad-tenant-id.yml:10:")
                .hasMessageContaining("Hooli Corp");
    }

    @Test
    void anIniFileIsOneTenantNamedOnTheCommandLine() throws Exception {
        assertThatThrownBy(() -> read("seed.ini", Optional.empty())).hasMessageContaining("--tenant");
        TenantImport.Tenant seed = read("seed.ini", Optional.of("seed")).get(0);
        Inventory inventory = InventoryReader.read("i", seed.inventory().getBytes(StandardCharsets.UTF_8));
        assertThat(inventory.hostMap().get("198.51.100.10").vars()).containsEntry("postgres_port", "5432")
                .containsEntry("google_maps_center", "{ \"lat\": 0.0, \"lng\": 0.0 }").containsEntry("postgres_utc", "false");
        assertThat(seed.secrets()).extracting(TenantImport.Secret::name).containsExactly("postgres_password", "reset_admin_password");
    }

    @Test
    void aMultiTenantFileIsRecognisedAtItsFirstGroup() throws Exception {
        assertThat(TenantImport.multiTenantLine("f", Files.readAllBytes(IMPORT.resolve("multi-tenant.yml")))).contains(4);
        assertThat(TenantImport.multiTenantLine("f", "all:\n  hosts: {a: }\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void theInventoryReaderSendsAMultiTenantFileToImport() throws Exception {
        byte[] bytes = Files.readAllBytes(IMPORT.resolve("multi-tenant.yml"));
        assertThatThrownBy(() -> InventoryReader.read("inventory.yml", bytes)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("inventory.yml:4:").hasMessageContaining("multi-tenant inventory of the deploy tool")
                .hasMessageContaining("mooring import");
    }

    @Test
    void aMultiTenantIniFileIsSplitToo() {
        String ini = """
                [aio_instances]
                acme tenant_id=acme ansible_host=203.0.113.10 omni_ip_lan=192.0.2.10

                [initech]
                initech_app ansible_host=192.0.2.23

                [initech:vars]
                tenant_id=initech
                infra_env=lan

                [cluster_instances:children]
                initech

                [omnileads_aio]
                acme

                [omnileads_app]
                initech_app

                [all:vars]
                infra_env=cloud
                postgres_password=change-me
                """;
        List<TenantImport.Tenant> tenants = TenantImport.read("m.ini", ini.getBytes(StandardCharsets.UTF_8), Optional.empty());
        assertThat(tenants).extracting(TenantImport.Tenant::name).containsExactly("acme", "initech");
        Inventory initech = InventoryReader.read("i", tenant(tenants, "initech").inventory().getBytes(StandardCharsets.UTF_8));
        assertThat(initech.hostMap().get("initech_app").vars()).containsEntry("infra_env", "lan").containsEntry("postgres_password", "change-me");
        assertThat(tenant(tenants, "initech").inventory()).contains("omnileads_app:").doesNotContain("omnileads_aio");
        assertThat(tenant(tenants, "acme").secrets()).extracting(s -> s.where().line()).containsExactly(22);
    }
}
