package io.mooring.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.inventory.InventoryReader;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.Guardrails;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Empty values add no characters, so only a budget on lookups bounds a file whose values join every host's
 * values of every host: each render of the tenant fills a value in once per host and looks up a bounded number
 * of references. The times are printed, not asserted.
 */
class HostvarsFanOutTest {
    private static final Revision REV = new Revision("0000000000000000000000000000000000000000", "test");
    private static final int HOSTS = 4_000;

    static String fanOut(int hosts) {
        StringBuilder yaml = new StringBuilder("all:\n  hosts:\n");
        for (int i = 0; i < hosts; i++) {
            yaml.append("    h").append(i).append(":\n");
        }
        yaml.append("  vars:\n    omni_ip_lan: 192.0.2.10\n    v0: \"\"\n    v1: \"");
        for (int i = 0; i < hosts; i++) {
            yaml.append("{{ hostvars['h").append(i).append("'].v0 }}");
        }
        yaml.append("\"\n    TZ: \"");
        for (int i = 0; i < hosts; i++) {
            yaml.append("{{ hostvars['h").append(i).append("'].v1 }}");
        }
        yaml.append("\"\nomnileads_aio:\n  hosts:\n");
        for (int i = 0; i < hosts; i++) {
            yaml.append("    h").append(i).append(":\n");
        }
        return yaml.toString();
    }

    private static TenantConfig config(String yaml) {
        Inventory inventory = InventoryReader.read("inventory.yml", yaml.getBytes(StandardCharsets.UTF_8));
        return new TenantConfig("acme", inventory, TenantLoader.BuiltIn.OMNILEADS);
    }

    @Test
    void joiningEveryHostsEmptyValuesIsRefusedInBoundedTime() throws Exception {
        String yaml = fanOut(HOSTS);
        TenantConfig config = config(yaml);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Renderer.render(config, "h0", REV))
                .hasMessageContaining("inventory.yml:")
                .hasMessageContaining("v1: filling in inventory.yml's values looked up more than 1000000 references");
        long node = (System.nanoTime() - start) / 1_000_000;
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            start = System.nanoTime();
            Future<Object> all = thread.submit(() -> {
                try {
                    return Renderer.renderAll(config, REV, Guardrails.defaults());
                } catch (InvalidConfigException e) {
                    return e;
                }
            });
            Object result;
            try {
                result = all.get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                all.cancel(true);
                result = null;
            }
            long tenant = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("hostvars fan-out over empty values, %d hosts, %d KB: one node rendered in %d ms, every host"
                    + " (validate) in %s%n", HOSTS, yaml.length() / 1024, node, result == null ? "more than 120 s" : tenant + " ms");
            assertThat(result).isInstanceOf(InvalidConfigException.class);
            assertThat(((InvalidConfigException) result).getMessage()).contains("looked up more than 1000000 references");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aValueOtherHostsReferToIsFilledInOncePerRender() {
        Map<String, ?> states = Renderer.renderAll(config(fanOut(60)), REV, Guardrails.defaults());
        assertThat(states).hasSize(60);
    }
}
