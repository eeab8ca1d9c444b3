package io.mooring.render;

import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The values the deploy tool derives for its environment files when the inventory leaves them to it (OMNILEADS.md
 * 3.2, 3.4, 3.6 and 3.9), as Mooring's own variables of one host. A switch counts as set when it holds a value, as
 * {@code x-mooring.skip_if_set} reads it.
 * <ul>
 *   <li>{@code mooring_callrec_device}: {@code s3-minio} with the tenant's own MinIO, {@code s3-aws} with
 *   {@code bucket_url: aws}, {@code s3-no-check-cert} with another {@code bucket_url} and {@code bucket_ssl_selfsigned},
 *   else {@code s3};</li>
 *   <li>{@code mooring_s3_endpoint}: the object storage as browsers reach it: {@code bucket_url}, AWS's endpoint for
 *   {@code aws}, else the tenant's MinIO behind nginx: {@code https://} and {@code fqdn}, else the advertised address;</li>
 *   <li>{@code mooring_s3_internal_endpoint}: as the components reach it: {@code bucket_url}, AWS's endpoint, else
 *   {@code minio_host}, else {@code http://<the host running minio>:9000}; {@code mooring_s3_aws_endpoint}: AWS's
 *   endpoint with {@code bucket_url: aws}, else empty;</li>
 *   <li>{@code mooring_arq}: {@code aio} on a host that runs the application and Asterisk both, else {@code cluster};</li>
 *   <li>{@code mooring_local_tz} and {@code mooring_utc_logs}: with {@code postgres_utc} true, {@code UTC} and
 *   {@code True}; else {@code TZ} and {@code False};</li>
 *   <li>{@code mooring_homer_enable}, {@code mooring_split_channels}: {@code True} when {@code homer_host},
 *   {@code speech_analytics_model} is set, else {@code False}.</li>
 * </ul>
 */
final class DerivedVars {
    private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on", "y");

    private DerivedVars() {
    }

    static void add(Map<String, Supplier<String>> computed, Host host, InventoryVars inventory, Placement placement) {
        Derived derived = new Derived(host, inventory, computed);
        computed.put("mooring_callrec_device", derived::callrecDevice);
        computed.put("mooring_s3_endpoint", derived::browserEndpoint);
        computed.put("mooring_s3_internal_endpoint", derived::internalEndpoint);
        computed.put("mooring_s3_aws_endpoint", () -> derived.aws() ? derived.awsEndpoint() : "");
        computed.put("mooring_arq", () -> {
            var here = placement.componentsOn(host.name()).stream().map(s -> s.name()).toList();
            return here.contains("django") && here.contains("asterisk") ? "aio" : "cluster";
        });
        computed.put("mooring_local_tz", () -> derived.truthy("postgres_utc") ? "UTC" : derived.valueOr("TZ", "UTC"));
        computed.put("mooring_utc_logs", () -> derived.truthy("postgres_utc") ? "True" : "False");
        computed.put("mooring_homer_enable", () -> derived.set("homer_host") ? "True" : "False");
        computed.put("mooring_split_channels", () -> derived.set("speech_analytics_model") ? "True" : "False");
    }

    private record Derived(Host host, InventoryVars inventory, Map<String, Supplier<String>> computed) {
        String valueOr(String name, String otherwise) {
            String value = inventory.value(host, name);
            return value == null || value.isEmpty() ? otherwise : value;
        }

        boolean set(String name) {
            return !valueOr(name, "").isEmpty();
        }

        boolean truthy(String name) {
            return YAML_TRUE.contains(valueOr(name, "").toLowerCase(Locale.ROOT));
        }

        boolean aws() {
            return "aws".equals(valueOr("bucket_url", ""));
        }

        String awsEndpoint() {
            return "https://s3." + valueOr("bucket_region", "us-east-1") + ".amazonaws.com";
        }

        String callrecDevice() {
            if (!set("bucket_url")) {
                return "s3-minio";
            }
            return aws() ? "s3-aws" : set("bucket_ssl_selfsigned") ? "s3-no-check-cert" : "s3";
        }

        String browserEndpoint() {
            if (set("bucket_url")) {
                return aws() ? awsEndpoint() : valueOr("bucket_url", "");
            }
            if (set("fqdn")) {
                return "https://" + valueOr("fqdn", "");
            }
            String advertised = computed.get("mooring_advertised_ip").get();
            return advertised == null ? "" : "https://" + advertised;
        }

        String internalEndpoint() {
            if (set("bucket_url")) {
                return aws() ? awsEndpoint() : valueOr("bucket_url", "");
            }
            if (set("minio_host")) {
                return valueOr("minio_host", "");
            }
            Supplier<String> minio = computed.get("mooring_minio_host");
            if (minio == null) {
                throw new InvalidConfigException(host.origin("bucket_url"), "host " + host.name() + ": no object storage:"
                        + " bucket_url is not set and no host of the tenant runs minio; set bucket_url (a managed service) or"
                        + " give a host a role of minio");
            }
            return "http://" + minio.get() + ":9000";
        }
    }
}
