package io.mooring.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.inventory.InventoryReader;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.Inventory;
import io.mooring.model.TenantConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A file of many hosts, some in no role group, is read and placed in time that grows with its size only. */
class PlacementScaleTest {
    @Test
    void manyHostsArePlacedInLinearTime() {
        StringBuilder yaml = new StringBuilder("all:\n  hosts:\n");
        int hosts = 20_000;
        for (int i = 0; i < hosts; i++) {
            yaml.append("    h").append(i).append(": {omni_ip_lan: 10.0.0.1}\n");
        }
        yaml.append("omnileads_aio:\n  hosts:\n    h0:\n");
        long start = System.nanoTime();
        Inventory inventory = InventoryReader.read("inventory.yml", yaml.toString().getBytes(StandardCharsets.UTF_8));
        Placement placement = Placement.of(new TenantConfig("acme", inventory, TenantLoader.BuiltIn.OMNILEADS));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(placement.componentsOn("h0")).isNotEmpty();
        assertThat(placement.componentsOn("h1")).isEmpty();
        assertThat(millis).as("read and placed in %d ms", millis).isLessThan(10_000);
    }
}
