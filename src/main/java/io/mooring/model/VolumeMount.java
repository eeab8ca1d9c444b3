package io.mooring.model;

/**
 * A mount in the Compose short syntax: {@code name:/path[:ro]} (a named volume, owned by the tenant),
 * {@code /host/path:/path[:ro]} (a bind mount) or {@code /path} (an anonymous volume).
 */
public record VolumeMount(Kind kind, String source, String target, boolean readOnly) {
    public enum Kind { NAMED, BIND, ANONYMOUS }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public VolumeMount {
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("mount target '" + target + "' must be an absolute path");
        }
    }

    /**
     * A path in the container as the engine will mount it: {@code //} collapsed, {@code .} dropped, no trailing {@code /},
     * so that what is mounted where can be compared; a {@code ..} segment is refused, since where it leads is the engine's.
     */
    public static String containerPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("mount target '" + path + "' must be an absolute path");
        }
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("mount target '" + path + "' holds '..'; write the path it stands for");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                out.append('/').append(part);
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    public static VolumeMount parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length == 1) {
            return new VolumeMount(Kind.ANONYMOUS, "", containerPath(parts[0]), false);
        }
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a volume like name:/path, /host:/path or /path, with an optional :ro or :rw");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            // Compose's other options: SELinux relabelling (z, Z) and nocopy; the engine's defaults stand for them.
            for (String option : parts[2].split(",", -1)) {
                if (!java.util.Set.of("ro", "rw", "z", "Z", "nocopy").contains(option)) {
                    throw new IllegalArgumentException("'" + text + "': mode must be ro or rw (with z, Z or nocopy), not '" + parts[2] + "'");
                }
                readOnly |= option.equals("ro");
            }
        }
        String source = parts[0];
        if (source.startsWith(".") || source.startsWith("~")) {
            throw new IllegalArgumentException("'" + text + "': a bind mount's source must be an absolute path (relative to what is not clear on the host)");
        }
        boolean bind = source.startsWith("/");
        if (!bind && !NAME.matcher(source).matches()) {
            throw new IllegalArgumentException("'" + text + "': volume name '" + source + "' must be letters, digits, '_', '.' or '-'");
        }
        return new VolumeMount(bind ? Kind.BIND : Kind.NAMED, source, containerPath(parts[1]), readOnly);
    }

    @Override
    public String toString() {
        String mode = readOnly ? ":ro" : "";
        return kind == Kind.ANONYMOUS ? target : source + ":" + target + mode;
    }
}
