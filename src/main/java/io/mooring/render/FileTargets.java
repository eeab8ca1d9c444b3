package io.mooring.render;

import io.mooring.model.ContainerOptions;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.Template;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets and configs are copied into the container before it starts, so none may be written where something is mounted:
 * a tmpfs mounted over it hides it, and a volume (or a host folder) would keep it, outside the container, after the secret
 * is gone.
 */
final class FileTargets {
    private FileTargets() {
    }

    static List<Problem> check(ServiceDefinition service, List<VolumeMount> volumes, ContainerOptions options) {
        Map<String, String> mounted = new TreeMap<>();
        options.map("tmpfs").keySet().forEach(path -> mounted.put(trimmed(path), "the tmpfs at " + path
                + ", mounted over it when the container starts, would hide it"));
        for (VolumeMount volume : volumes) {
            if (volume != null) {
                mounted.putIfAbsent(trimmed(volume.target()), (volume.kind() == VolumeMount.Kind.BIND ? "the host folder "
                        + volume.source() : "the volume " + (volume.kind() == VolumeMount.Kind.NAMED ? volume.source() + " " : ""))
                        + " mounted at " + volume.target() + " would keep it after the secret is gone");
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (ServiceOptions.FileRef file : service.options().files()) {
            String target = trimmed(file.target());
            mounted.entrySet().stream().filter(m -> target.equals(m.getKey()) || target.startsWith(m.getKey().equals("/") ? "/"
                    : m.getKey() + "/")).findFirst().ifPresent(m -> problems.add(new Problem(file.location(), "services." + service.name()
                    + "." + (file.secret() ? "secrets." : "configs.") + file.source() + ": target " + file.target() + " lies where "
                    + m.getValue().replace("  ", " ") + "; Mooring copies secrets and configs in before the start, so choose a target"
                    + " outside what is mounted")));
        }
        return problems;
    }

    /** The options with the service's {@code x-mooring.certs} folder, once checked; none asked: the options as they are. */
    static ContainerOptions withCerts(ServiceDefinition service, List<VolumeMount> volumes, ContainerOptions options,
                                      List<Problem> problems) {
        Template folder = service.options().value(ServiceOptions.CERTS);
        if (folder == null) {
            return options;
        }
        problems.addAll(checkCerts(service, folder, volumes, options));
        return options.withText(ServiceOptions.CERTS, folder.text());
    }

    /**
     * {@code x-mooring.certs}: at a folder where nothing else is mounted (a volume, a tmpfs, a secret or config), nor
     * around it. A tenant that sets no {@code certs} gets a self-signed certificate there, as the deploy tool does.
     */
    static List<Problem> checkCerts(ServiceDefinition service, Template folder, List<VolumeMount> volumes,
                                    ContainerOptions options) {
        String what = "services." + service.name() + ".x-mooring.certs: ";
        Map<String, String> mounted = new TreeMap<>();
        options.map("tmpfs").keySet().forEach(path -> mounted.put(trimmed(path), "the tmpfs at " + path));
        volumes.stream().filter(v -> v != null).forEach(v -> mounted.putIfAbsent(trimmed(v.target()), "the volume at " + v.target()));
        options.files().forEach(f -> mounted.putIfAbsent(trimmed(f.target()), "the " + (f.secret() ? "secret " : "config ") + f.name()
                + " at " + f.target()));
        String target = trimmed(folder.text());
        List<Problem> problems = new ArrayList<>();
        mounted.forEach((path, which) -> {
            if (path.equals(target) || target.startsWith(path.equals("/") ? "/" : path + "/") || path.startsWith(target + "/")) {
                problems.add(new Problem(folder.location(), what + folder.text() + " overlaps " + which
                        + "; mount the certificate files in a folder of their own"));
            }
        });
        return problems;
    }

    /** The path as the engine mounts it ({@code //}, {@code .} and a trailing {@code /} gone); a {@code ..} is refused where written. */
    private static String trimmed(String path) {
        try {
            return VolumeMount.containerPath(path);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
