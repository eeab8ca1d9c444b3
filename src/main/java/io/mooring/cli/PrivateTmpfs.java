package io.mooring.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A folder on a tmpfs (memory, never a disk) where a decrypted file may be put for a moment: $XDG_RUNTIME_DIR, or /dev/shm. */
final class PrivateTmpfs {
    private PrivateTmpfs() {
    }

    static Path folder() throws IOException {
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts"));
        return Stream.of(Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")), Optional.of("/dev/shm")).flatMap(Optional::stream)
                .filter(dir -> !dir.isBlank()).map(Path::of).filter(Files::isDirectory).filter(Files::isWritable)
                .filter(dir -> onTmpfs(dir, mounts)).findFirst()
                .orElseThrow(() -> new UserError("mooring secrets edit: no tmpfs to decrypt into ($XDG_RUNTIME_DIR or /dev/shm, writable"
                        + " and mounted as tmpfs); a decrypted secret is never written to a disk"));
    }

    /** Whether the folder's nearest mount point (the longest one its real path starts with) is a tmpfs. */
    static boolean onTmpfs(Path dir, List<String> mounts) {
        String real;
        try {
            real = dir.toRealPath().toString();
        } catch (IOException e) {
            return false;
        }
        String type = null;
        int longest = -1;
        for (String line : mounts) {
            String[] parts = line.split(" ");
            if (parts.length < 3) {
                continue;
            }
            String point = parts[1].replace("\\040", " ");
            boolean contains = real.equals(point) || real.startsWith(point.endsWith("/") ? point : point + "/");
            if (contains && point.length() >= longest) {
                longest = point.length();
                type = parts[2];
            }
        }
        return "tmpfs".equals(type) || "ramfs".equals(type);
    }
}
