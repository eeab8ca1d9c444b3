package io.mooring.inventory;

import io.mooring.model.BackupSettings;
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

    /** The tenant, its encrypted files refused (this node has no age identity) unless the tree decrypts them. */
    public static TenantConfig load(ConfigTree tree, String tenant) {
        return read(DecryptingTree.of(tree, io.mooring.model.SecretDecryptor.NONE), tenant);
    }

    private static TenantConfig read(ConfigTree tree, String tenant) {
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
        ComponentsReader.Definitions definitions = new ComponentsReader.Definitions(List.of(), BackupSettings.DEFAULT);
        try {
            definitions = components(tree, dir);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        if (inventory != null) {
            inventory = SecretVars.apply(tree, dir, inventory, problems);
            problems.addAll(CertificateFiles.check(tree, dir, inventory));
        }
        for (String link : tree.links(dir.isEmpty() ? "" : dir.substring(0, dir.length() - 1))) {
            problems.add(new Problem(Location.of(dir + link), "is a symbolic link; Mooring does not follow links"
                    + " (a link could point outside the tenant folder): commit the file itself"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new TenantConfig(tenant, inventory, definitions.services(), definitions.backup(), definitions.resources());
    }

    /**
     * Everything a tenant's desired state is read from: its folder and the repository-wide definitions, or,
     * in a single-tenant repository, the whole root. Two revisions whose fingerprints of these agree give the
     * tenant the same desired state.
     */
    public static List<String> sources(ConfigTree tree, String tenant) {
        if (!tree.isFolder(INSTANCES + "/" + tenant) && tenants(tree).isEmpty()) {
            return List.of("");
        }
        return List.of(INSTANCES + "/" + tenant, "components.yml", SecretVars.FILE + DecryptingTree.SUFFIX, DecryptingTree.RECIPIENTS);
    }

    public static boolean isTenantName(String name) {
        return name.matches(TENANT_NAME);
    }

    /** The tenants of a repository: the folders under instances/, sorted. */
    public static List<String> tenants(ConfigTree tree) {
        return tree.folders(INSTANCES);
    }

    /** The tenant's folder in the tree with its slash ({@code instances/<tenant>/}), or "" in a single-tenant repository. */
    public static String folderOf(ConfigTree tree, String tenant) {
        return folder(tree, tenant);
    }

    private static String folder(ConfigTree tree, String tenant) {
        if (!tenant.matches(TENANT_NAME)) {
            throw new InvalidConfigException(Location.of(INSTANCES + "/" + tenant),
                    "tenant name '" + tenant + "' must be lower-case letters, digits, '_', '.' or '-' (at most 63)");
        }
        if (tree.isFolder(INSTANCES + "/" + tenant)) {
            return INSTANCES + "/" + tenant + "/";
        }
        List<String> tenants = tenants(tree);
        if (tenants.isEmpty() && tree.read("inventory.yml").isPresent()) {
            return "";
        }
        throw new InvalidConfigException(Location.of(INSTANCES + "/" + tenant),
                "no such tenant folder; the repository's tenants are " + tenants);
    }

    private static ComponentsReader.Definitions components(ConfigTree tree, String dir) {
        String own = dir + "components.yml";
        Optional<byte[]> bytes = tree.read(own);
        if (bytes.isPresent()) {
            return ComponentsReader.readAll(own, bytes.get(), new TenantFiles(tree, dir, false));
        }
        if (!dir.isEmpty() && tree.read("components.yml").isPresent()) {
            return ComponentsReader.readAll("components.yml", tree.read("components.yml").get(), new TenantFiles(tree, "", true));
        }
        return new ComponentsReader.Definitions(BuiltIn.OMNILEADS, BackupSettings.DEFAULT);
    }

    /** The definitions shipped in the jar, read once: the OMniLeads stack (a copy is in instances-template/). */
    public static final class BuiltIn {
        public static final String FILE = "(built-in)/components.yml";
        public static final List<ServiceDefinition> OMNILEADS = load();

        private BuiltIn() {
        }

        private static List<ServiceDefinition> load() {
            try (var in = TenantLoader.class.getResourceAsStream("builtin/components.yml")) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks io/mooring/inventory/builtin/components.yml");
                }
                return ComponentsReader.read(FILE, in.readAllBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
