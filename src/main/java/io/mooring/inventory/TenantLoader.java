package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Inventory;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.TenantConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads a tenant's folder: {@code instances/<tenant>/} or, in a single-tenant repository,
 * the root. A tenant's own components.yml wins over the repository-wide one. Every file is read and
 * every problem gathered before failing: one bad file makes the whole tenant invalid.
 */
public final class TenantLoader {
    public static final String INSTANCES = "instances";
    private static final String TENANT_NAME = "[a-z0-9][a-z0-9_.-]{0,62}";

    private TenantLoader() {
    }

    public static TenantConfig load(ConfigTree tree, String tenant) {
        String dir = folder(tree, tenant);
        String inventoryPath = dir + "inventory.yml";
        List<Problem> problems = new ArrayList<>();
        Inventory inventory = null;
        try {
            inventory = InventoryReader.read(inventoryPath, tree.read(inventoryPath).orElseThrow(
                    () -> new InvalidConfigException(Location.of(inventoryPath), "missing: every tenant folder needs an inventory.yml")));
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        List<ServiceDefinition> services = List.of();
        try {
            services = components(tree, dir);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new TenantConfig(tenant, inventory, services);
    }

    /** The tenants of a repository: the folders under instances/, sorted. */
    public static List<String> tenants(ConfigTree tree) {
        return tree.folders(INSTANCES);
    }

    private static String folder(ConfigTree tree, String tenant) {
        if (!tenant.matches(TENANT_NAME)) {
            throw new InvalidConfigException(Location.of(INSTANCES + "/" + tenant),
                    "tenant name '" + tenant + "' must be lower-case letters, digits, '_', '.' or '-' (at most 63)");
        }
        List<String> tenants = tenants(tree);
        if (tenants.contains(tenant)) {
            return INSTANCES + "/" + tenant + "/";
        }
        if (tenants.isEmpty() && tree.read("inventory.yml").isPresent()) {
            return "";
        }
        throw new InvalidConfigException(Location.of(INSTANCES + "/" + tenant),
                "no such tenant folder; the repository's tenants are " + tenants);
    }

    private static List<ServiceDefinition> components(ConfigTree tree, String dir) {
        String own = dir + "components.yml";
        Optional<byte[]> bytes = tree.read(own);
        if (bytes.isPresent()) {
            return ComponentsReader.read(own, bytes.get());
        }
        if (!dir.isEmpty() && tree.read("components.yml").isPresent()) {
            return ComponentsReader.read("components.yml", tree.read("components.yml").get());
        }
        throw new InvalidConfigException(Location.of(own),
                "missing: define the tenant's services in " + own + " or in the repository's components.yml");
    }
}
