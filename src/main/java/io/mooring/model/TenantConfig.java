package io.mooring.model;

import java.util.List;

/** Everything one tenant's folder says, read and checked, at one revision. */
public record TenantConfig(String tenant, Inventory inventory, List<ServiceDefinition> services, BackupSettings backup,
                           ComposeResources resources) {
    public TenantConfig {
        services = List.copyOf(services);
        resources = resources == null ? ComposeResources.NONE : resources;
    }

    public TenantConfig(String tenant, Inventory inventory, List<ServiceDefinition> services, BackupSettings backup) {
        this(tenant, inventory, services, backup, ComposeResources.NONE);
    }

    public TenantConfig(String tenant, Inventory inventory, List<ServiceDefinition> services) {
        this(tenant, inventory, services, BackupSettings.DEFAULT);
    }
}
