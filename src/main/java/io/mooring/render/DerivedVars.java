package io.mooring.render;

import io.mooring.model.Host;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The values the deploy tool derives for its environment files when the inventory leaves them to it (OMNILEADS.md
 * 3.4, 3.6 and 3.9), as Mooring's own variables of one host:
 * <ul>
 *   <li>{@code mooring_callrec_device}: where recordings go: {@code s3-minio} with the tenant's own MinIO,
 *   {@code s3-aws} with {@code bucket_url: aws}, {@code s3-no-check-cert} with another {@code bucket_url} and
 *   {@code bucket_ssl_selfsigned} set, else {@code s3};</li>
 *   <li>{@code mooring_s3_endpoint}: the object storage as browsers reach it: {@code bucket_url} when it names
 *   a service, AWS's endpoint for {@code aws}, else the tenant's MinIO behind nginx: {@code https://} and
 *   {@code fqdn}, else the host's advertised address ({@code mooring_advertised_ip});</li>
 *   <li>{@code mooring_arq}: {@code aio} on a host that runs the application and Asterisk both, else
 *   {@code cluster}.</li>
 * </ul>
 * Presence switches are tested as the tool tests them, by being defined: {@code bucket_ssl_selfsigned: false}
 * still switches certificate checks off.
 */
final class DerivedVars {
    private DerivedVars() {
    }

    static void add(Map<String, Supplier<String>> computed, Host host, InventoryVars inventory, Placement placement) {
        computed.put("mooring_callrec_device", () -> callrecDevice(host, inventory));
        computed.put("mooring_s3_endpoint", () -> s3Endpoint(host, inventory, computed));
        computed.put("mooring_arq", () -> {
            var here = placement.componentsOn(host.name()).stream().map(s -> s.name()).toList();
            return here.contains("django") && here.contains("asterisk") ? "aio" : "cluster";
        });
    }

    private static String callrecDevice(Host host, InventoryVars inventory) {
        if (!host.vars().containsKey("bucket_url")) {
            return "s3-minio";
        }
        if ("aws".equals(inventory.value(host, "bucket_url"))) {
            return "s3-aws";
        }
        return host.vars().containsKey("bucket_ssl_selfsigned") ? "s3-no-check-cert" : "s3";
    }

    private static String s3Endpoint(Host host, InventoryVars inventory, Map<String, Supplier<String>> computed) {
        if (host.vars().containsKey("bucket_url")) {
            String url = inventory.value(host, "bucket_url");
            if ("aws".equals(url)) {
                String region = inventory.value(host, "bucket_region");
                return "https://s3." + (region == null || region.isEmpty() ? "us-east-1" : region) + ".amazonaws.com";
            }
            return url == null ? "" : url;
        }
        String fqdn = inventory.value(host, "fqdn");
        if (fqdn != null && !fqdn.isEmpty()) {
            return "https://" + fqdn;
        }
        String advertised = computed.get("mooring_advertised_ip").get();
        return advertised == null ? "" : "https://" + advertised;
    }
}
