package io.mooring.model;

import java.util.List;

/** Everything one tenant's folder says, read and checked, at one revision. */
public record TenantConfig(String tenant, Inventory inventory, List<ServiceDefinition> services, BackupSettings backup) {
    public TenantConfig {
        services = List.copyOf(services);
    }

    public TenantConfig(String tenant, Inventory inventory, List<ServiceDefinition> services) {
        this(tenant, inventory, services, BackupSettings.DEFAULT);
    }
}
