package io.mooring.model;

import java.util.regex.Pattern;

/**
 * A host device given to a container, as Compose's {@code devices} writes it: {@code HOST[:CONTAINER][:PERMISSIONS]},
 * the container path defaulting to the host's and the cgroup permissions to {@code rwm}.
 */
public record DeviceMapping(String hostPath, String containerPath, String permissions) {
    private static final Pattern PERMISSIONS = Pattern.compile("(?!.*(.).*\\1)[rwm]{1,3}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./+-]{0,254}");

    public DeviceMapping {
        checkPath(hostPath, "host path");
        checkPath(containerPath, "container path");
        if (!PERMISSIONS.matcher(permissions).matches()) {
            throw new IllegalArgumentException("permissions '" + permissions + "' must be one or more of r, w and m, such as rw or rwm");
        }
    }

    /** Parses the short syntax: "/dev/snd", "/dev/snd:/dev/audio", "/dev/snd:rw", "/dev/snd:/dev/audio:rw". */
    public static DeviceMapping parse(String text) {
        if (text.length() > 600) {
            throw new IllegalArgumentException("a device is written in at most 600 characters; this one has " + text.length());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("'" + text + "': variables are not allowed in devices; write the device's path out");
        }
        String[] parts = text.split(":", -1);
        return switch (parts.length) {
            case 1 -> new DeviceMapping(parts[0], parts[0], "rwm");
            case 2 -> PERMISSIONS.matcher(parts[1]).matches()
                    ? new DeviceMapping(parts[0], parts[0], parts[1])
                    : new DeviceMapping(parts[0], parts[1], "rwm");
            case 3 -> new DeviceMapping(parts[0], parts[1], parts[2]);
            default -> throw new IllegalArgumentException("'" + text + "' is not a device like /dev/snd, /dev/snd:/dev/snd or"
                    + " /dev/snd:/dev/snd:rw");
        };
    }

    private static void checkPath(String path, String what) {
        if (path == null || !PATH.matcher(path).matches() || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")
                || path.contains("//")) {
            throw new IllegalArgumentException("device " + what + " '" + (path == null ? "" : path)
                    + "' must be a plain absolute path such as /dev/snd, without '.', '..' or '//'");
        }
    }

    /** Whether {@code granted} (a device, or a folder of devices such as /dev/snd) covers this device's host path. */
    public boolean grantedBy(String granted) {
        String folder = granted.endsWith("/") ? granted.substring(0, granted.length() - 1) : granted;
        return hostPath.equals(folder) || hostPath.startsWith(folder + "/");
    }

    @Override
    public String toString() {
        return hostPath + ":" + containerPath + ":" + permissions;
    }
}
