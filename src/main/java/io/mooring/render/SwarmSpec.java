package io.mooring.render;

import io.mooring.model.DesiredContainer;
import io.mooring.model.PortMapping;
import io.mooring.model.SwarmFile;
import io.mooring.model.SwarmResources;
import io.mooring.model.SwarmRestart;
import io.mooring.model.SwarmUpdate;
import io.mooring.model.VolumeMount;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

/**
 * A Swarm service's spec as {@link SpecHash} hashes it: each field under its name (image, command, environment, ports,
 * volumes, healthcheck, replicas, placement, update, restart, resources, files, networks), so that a plan names the
 * field that changed. A secret's or config's content is in it through its name, which ends with the content's hash.
 */
final class SwarmSpec {
    private SwarmSpec() {
    }

    static TreeMap<String, Object> describe(DesiredContainer c, int replicas, List<String> constraints, SwarmUpdate update,
                                            SwarmRestart restart, SwarmResources resources, List<SwarmFile> files,
                                            List<String> networks) {
        TreeMap<String, Object> spec = new TreeMap<>();
        spec.put("image", c.image().reference());
        spec.put("command", c.command());
        spec.put("environment", new TreeMap<>(c.environment()));
        spec.put("ports", c.ports().stream().map(PortMapping::toString).toList());
        spec.put("volumes", c.volumes().stream().map(VolumeMount::toString).toList());
        spec.put("healthcheck", c.healthcheck() == null ? "image" : SpecHash.describe(c.healthcheck()));
        spec.put("replicas", replicas);
        spec.put("placement", constraints);
        spec.put("update", describe(update));
        spec.put("restart", describe(restart));
        spec.put("resources", describe(resources));
        spec.put("files", files.stream().map(SwarmSpec::describe).toList());
        spec.put("networks", networks);
        return spec;
    }

    private static TreeMap<String, Object> describe(SwarmUpdate update) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("parallelism", update.parallelism());
        out.put("delay", millis(update.delay()));
        out.put("order", update.order());
        out.put("failure_action", update.failureAction());
        out.put("monitor", millis(update.monitor()));
        out.put("max_failure_ratio", update.maxFailureRatio());
        return out;
    }

    private static TreeMap<String, Object> describe(SwarmRestart restart) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("condition", restart.condition());
        out.put("delay", millis(restart.delay()));
        out.put("max_attempts", restart.maxAttempts());
        out.put("window", millis(restart.window()));
        return out;
    }

    private static TreeMap<String, Object> describe(SwarmResources resources) {
        TreeMap<String, Object> out = new TreeMap<>();
        out.put("cpus", resources.nanoCpus());
        out.put("memory", resources.memoryBytes());
        out.put("pids", resources.pids());
        out.put("reserved_cpus", resources.reservedNanoCpus());
        out.put("reserved_memory", resources.reservedMemoryBytes());
        return out;
    }

    /** Where and how it is mounted, and its name (its content's hash); never the content. */
    private static String describe(SwarmFile file) {
        return (file.secret() ? "secret " : "config ") + file.name() + " -> " + file.target() + " " + String.format("%04o", file.mode())
                + " " + file.uid() + ":" + file.gid();
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }
}
