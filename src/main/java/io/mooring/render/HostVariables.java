package io.mooring.render;

import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.TenantConfig;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a component's {@code ${...}} can use on one host: the inventory's variables, their Jinja filled in when
 * used ({@link InventoryVars}), and Mooring's own: {@code mooring_tenant}, {@code mooring_<component>_host} (the
 * address of the host running it, this one when it does, else the first by name: its omni_ip_lan, else ansible_host,
 * else its name),
 * {@code mooring_advertised_ip} (by infra_env: cloud public_ip or ansible_host; nat nat_ip_addr; hybrid
 * nat_ip_addr, public_ip or ansible_host; lan, all and custom omni_ip_lan), {@code mooring_<component>_image}
 * ({@link ImageChoice}), {@code mooring_enterprise} and what the deploy tool derives ({@link DerivedVars}). Values are computed only when used, so that a variable
 * nothing uses cannot fail a render.
 */
final class HostVariables {
    private final Host host;
    private final InventoryVars inventory;
    private final Map<String, Supplier<String>> computed = new HashMap<>();

    HostVariables(TenantConfig config, Placement placement, InventoryVars inventory, Host host) {
        this.host = host;
        this.inventory = inventory;
        computed.put("mooring_tenant", config::tenant);
        for (ServiceDefinition service : config.services()) {
            List<Host> where = placement.hostsOf(service.name());
            if (!where.isEmpty()) {
                // This host when it runs the component too (each node of an HA pair uses its own), else the first that does.
                Host runs = where.stream().filter(h -> h.name().equals(host.name())).findFirst().orElse(where.get(0));
                computed.put("mooring_" + service.name().replace('-', '_') + "_host", () -> address(runs));
            }
        }
        computed.put("mooring_advertised_ip", this::advertised);
        DerivedVars.add(computed, host, inventory, placement);
        ImageChoice images = new ImageChoice(config.inventory().file(), name -> inventory.value(host, name), host::origin);
        for (ReleaseImages.Image image : ReleaseImages.IMAGES) {
            computed.put("mooring_" + image.component() + "_image", () -> images.choose(image));
        }
        computed.put("mooring_enterprise", () -> String.valueOf(computed.get("mooring_django_image").get().endsWith(ImageChoice.ENTERPRISE)));
    }

    /** The variables as {@code component}'s templates see them; a problem in one names the component. */
    Map<String, String> forComponent(String component) {
        return new ComponentVars(component);
    }

    /** A component's variables; what its templates fill in from them counts against the render's bound. */
    private final class ComponentVars extends AbstractMap<String, String> implements io.mooring.model.Template.Metered {
        private final String component;

        ComponentVars(String component) {
            this.component = component;
        }

        @Override
        public void filledIn(long chars, io.mooring.model.Location at) {
            inventory.filledIn(chars, at);
        }

        @Override
        public String get(Object key) {
            try {
                Supplier<String> own = computed.get((String) key);
                return own != null ? own.get() : inventory.value(host, (String) key);
            } catch (InvalidConfigException e) {
                throw new InvalidConfigException(e.problems().stream().map(p -> new Problem(p.location(),
                        NeededBy.note(p.message(), component, host.name()))).toList());
            }
        }

        @Override
        public boolean containsKey(Object key) {
            return computed.containsKey(key) || host.vars().containsKey(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return host.vars().keySet().stream().collect(Collectors.toMap(k -> k, this::get)).entrySet();
        }
    }

    private String address(Host of) {
        String address = first(of, "omni_ip_lan", "ansible_host");
        return address != null ? address : of.name();
    }

    private String advertised() {
        String env = inventory.value(host, "infra_env");
        return switch (env == null ? "" : env) {
            case "cloud" -> first(host, "public_ip", "ansible_host");
            case "nat" -> {
                String nat = first(host, "nat_ip_addr");
                if (nat == null) {
                    throw new InvalidConfigException(host.origin("infra_env"), "host " + host.name() + ": infra_env nat needs nat_ip_addr"
                            + " (the public address of the static NAT), and it is " + (host.vars().containsKey("nat_ip_addr")
                            ? "empty once filled in" : "not set") + "; set it in all.vars or the host's vars");
                }
                yield nat;
            }
            case "hybrid" -> first(host, "nat_ip_addr", "public_ip", "ansible_host");
            default -> first(host, "omni_ip_lan", "ansible_host");
        };
    }

    private String first(Host of, String... names) {
        for (String name : names) {
            String value = inventory.value(of, name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
