package io.mooring.render;

import io.mooring.model.CanonicalJson;
import io.mooring.model.DeviceMapping;
import io.mooring.model.HealthCheck;
import io.mooring.model.HostAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** SHA-256 of a container's canonical JSON: equal specs hash alike, whatever order the YAML wrote them in. */
public final class SpecHash {
    private SpecHash() {
    }

    static String of(Map<String, Object> spec) {
        return sha256(CanonicalJson.write(new TreeMap<>(spec)));
    }

    /**
     * A short hash of each field, and of each environment variable apart, so that a plan can name what
     * changed without printing values (an environment variable may hold a password).
     */
    static TreeMap<String, String> fields(Map<String, Object> spec) {
        TreeMap<String, String> out = new TreeMap<>();
        spec.forEach((key, value) -> {
            if (key.equals("environment") && value instanceof Map<?, ?> environment) {
                environment.forEach((name, v) -> out.put("environment." + name, shortHash(v)));
            } else {
                out.put(key, shortHash(value));
            }
        });
        return out;
    }

    private static String shortHash(Object value) {
        TreeMap<String, Object> wrapper = new TreeMap<>();
        wrapper.put("v", value);
        return sha256(CanonicalJson.write(wrapper)).substring(0, 8);
    }

    static TreeMap<String, Object> describe(HealthCheck health) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("test", health.test());
        out.put("interval", millis(health.interval()));
        out.put("timeout", millis(health.timeout()));
        out.put("retries", health.retries());
        out.put("start_period", millis(health.startPeriod()));
        if (health.startInterval() != null) {
            out.put("start_interval", millis(health.startInterval()));
        }
        return out;
    }

    static TreeMap<String, Object> describe(HostAccess access) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("privileged", access.privileged());
        out.put("pid", access.pid());
        out.put("ipc", access.ipc());
        out.put("cap_add", access.capAdd());
        out.put("network_mode", access.networkMode());
        // Only when used, so that containers with other host access rendered before devices existed keep their hash.
        if (!access.devices().isEmpty()) {
            out.put("devices", access.devices().stream().map(DeviceMapping::toString).toList());
        }
        return out;
    }

    /**
     * Each Compose option that is set, under its Compose key, so that a change of one is a replace naming it; none is
     * added when unset, so that containers rendered before these options existed keep their hash.
     */
    static TreeMap<String, Object> describe(io.mooring.model.ContainerOptions options) {
        TreeMap<String, Object> out = new TreeMap<>();
        if (options.entrypoint() != null) {
            out.put("entrypoint", options.entrypoint());
        }
        out.putAll(options.text());
        options.numbers().forEach((key, value) -> out.put(key.equals("nano_cpus") ? "cpus" : key, value));
        out.putAll(options.flags());
        out.putAll(options.lists());
        options.maps().forEach((key, value) -> out.put(key, new TreeMap<>(value)));
        out.remove("logging.driver");
        out.remove("logging.options");
        if (options.text().containsKey("logging.driver") || options.maps().containsKey("logging.options")) {
            TreeMap<String, Object> logging = new TreeMap<>();
            logging.put("driver", options.text("logging.driver"));
            logging.put("options", new TreeMap<>(options.map("logging.options")));
            out.put("logging", logging);
        }
        if (!options.networks().isEmpty()) {
            out.put("networks", options.networks().stream().map(Object::toString).toList());
        }
        options.files().stream().filter(f -> f.secret()).map(Object::toString).reduce((a, b) -> a + ";" + b).ifPresent(v -> out.put("secrets", v));
        options.files().stream().filter(f -> !f.secret()).map(Object::toString).reduce((a, b) -> a + ";" + b).ifPresent(v -> out.put("configs", v));
        return out;
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    static String sha256(String text) {
        return io.mooring.model.Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
