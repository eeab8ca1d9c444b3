package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mooring.inventory.ComponentsReader;
import io.mooring.inventory.InventoryReader;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Problem;
import io.mooring.model.Revision;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.TenantConfig;
import io.mooring.render.Renderer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Any bytes, as inventory.yml and components.yml, are either rendered or refused with problems that name
 * their file: no other exception, no hang, no problem without a place. Fuzzes for a short budget in each build.
 */
class ConfigFuzzTest {
    private static final Revision REV = new Revision("0000000000000000000000000000000000000000", "fuzz");

    /** The input is inventory.yml, a form feed, components.yml; the seeds in ConfigFuzzTestInputs are real tenants. */
    @FuzzTest(maxDuration = "15s")
    void parseAndRender(byte[] input) {
        int cut = 0;
        while (cut < input.length && input[cut] != '\f') {
            cut++;
        }
        byte[] inventoryBytes = Arrays.copyOfRange(input, 0, cut);
        byte[] componentsBytes = cut < input.length ? Arrays.copyOfRange(input, cut + 1, input.length) : new byte[0];
        try {
            Inventory inventory = InventoryReader.read("inventory.yml", inventoryBytes);
            List<ServiceDefinition> services = ComponentsReader.read("components.yml", componentsBytes);
            Map<String, DesiredState> hosts = Renderer.renderAll(new TenantConfig("fuzz", inventory, services), REV, Guardrails.defaults());
            assertThat(hosts.keySet()).isEqualTo(inventory.hostMap().keySet());
        } catch (InvalidConfigException refused) {
            assertThat(refused.problems()).isNotEmpty();
            for (Problem problem : refused.problems()) {
                assertThat(problem.location().file()).isIn("inventory.yml", "components.yml");
                assertThat(problem.message()).isNotBlank();
            }
        }
    }
}
