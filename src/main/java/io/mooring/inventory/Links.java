package io.mooring.inventory;

import io.mooring.model.ComposeResources;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose's legacy {@code links}: {@code db:database} makes db a dependency of the service that writes it, and gives db
 * the name {@code database} on its networks. Under Compose that name is seen by the linking container only; here every
 * container of the tenant sees it, which a tenant's own services may share.
 */
final class Links {
    private Links() {
    }

    /** The dependencies with the linked services added (as service_started). */
    static List<String> dependencies(List<String> dependsOn, ServiceOptions options) {
        List<String> all = new ArrayList<>(dependsOn);
        for (Template link : options.list("links")) {
            String service = link.text().split(":")[0];
            if (!all.contains(service)) {
                all.add(service);
            }
        }
        return all;
    }

    /** The services with each link's alias among the linked service's names, on each of its networks. */
    static List<ServiceDefinition> aliases(List<ServiceDefinition> services) {
        Map<String, List<Template>> aliases = new LinkedHashMap<>();
        for (ServiceDefinition service : services) {
            for (Template link : service.options().list("links")) {
                String[] parts = link.text().split(":");
                if (parts.length == 2 && !parts[1].equals(parts[0])) {
                    aliases.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(new Template(parts[1], link.location()));
                }
            }
        }
        if (aliases.isEmpty()) {
            return services;
        }
        List<ServiceDefinition> linked = new ArrayList<>();
        for (ServiceDefinition service : services) {
            List<Template> more = aliases.get(service.name());
            boolean bridged = service.access().networkMode().isEmpty() || service.access().networkMode().equals("bridge");
            linked.add(more == null || !bridged ? service : service.withOptions(service.options().withNetworks(networks(service, more))));
        }
        return linked;
    }

    private static List<ServiceOptions.NetworkRef> networks(ServiceDefinition service, List<Template> more) {
        List<ServiceOptions.NetworkRef> refs = service.options().networks().isEmpty()
                ? List.of(new ServiceOptions.NetworkRef(ComposeResources.DEFAULT_NETWORK, List.of(), null, service.location()))
                : service.options().networks();
        List<ServiceOptions.NetworkRef> with = new ArrayList<>();
        for (ServiceOptions.NetworkRef ref : refs) {
            List<Template> all = new ArrayList<>(ref.aliases());
            more.stream().filter(m -> all.stream().noneMatch(a -> a.text().equals(m.text()))).forEach(all::add);
            with.add(new ServiceOptions.NetworkRef(ref.name(), all, ref.ipv4Address(), ref.location()));
        }
        return with;
    }
}
