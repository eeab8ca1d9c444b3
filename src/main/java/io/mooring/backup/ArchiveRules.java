package io.mooring.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * What a folders archive may hold, and where each entry lands. A backup comes from a bucket anyone with its
 * keys can write, so an entry is trusted for nothing: only plain files and folders, named by a relative path
 * without {@code .} or {@code ..}, below a folder that both the backup's manifest and the tenant's current
 * configuration name, and written through no symbolic link already on the disk.
 */
final class ArchiveRules {
    private final String backupId;
    private final List<String> folders;
    private final Optional<Path> into;

    /** {@code folders}: where entries may land, as absolute paths; {@code into}: a folder to restore under, or empty for in place. */
    ArchiveRules(String backupId, List<String> folders, Optional<Path> into) {
        this.backupId = backupId;
        this.folders = folders.stream().map(ArchiveRules::trimSlash).toList();
        this.into = into.map(p -> p.toAbsolutePath().normalize());
    }

    /** Whether the entry is a folder (else a plain file), once {@link #problem} found nothing wrong with it. */
    static boolean isFolder(TarArchiveEntry entry) {
        return entry.getLinkFlag() == TarConstants.LF_DIR || entry.getName().endsWith("/");
    }

    /** Where the entry is written: below {@code into}, or at its original path. */
    Path destination(TarArchiveEntry entry) {
        String name = trimSlash(entry.getName());
        return into.map(root -> root.resolve(name)).orElse(Path.of("/" + name));
    }

    /** What is wrong with the entry, as a sentence naming it and the backup; null when it may be restored. */
    String problem(TarArchiveEntry entry) throws IOException {
        String kind = refusedKind(entry);
        String name = entry.getName();
        if (kind != null) {
            return "entry " + name + " of backup " + backupId + " is " + kind + "; only plain files and folders are restored";
        }
        if (name.startsWith("/")) {
            return "entry " + name + " of backup " + backupId + " is an absolute path; entries are relative to the restore's root";
        }
        for (String segment : trimSlash(name).split("/")) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty() || segment.indexOf('\0') >= 0) {
                return "entry " + name + " of backup " + backupId + " has a '" + segment + "' segment that could climb out of its folder";
            }
        }
        String original = "/" + trimSlash(name);
        if (folders.stream().noneMatch(f -> original.equals(f) || original.startsWith(f + "/"))) {
            return "entry " + name + " of backup " + backupId + " is outside the folders both its manifest and the tenant's"
                    + " x-mooring.backup.folders name " + folders;
        }
        Path link = linkOnTheWay(destination(entry));
        return link == null ? null : "entry " + name + " of backup " + backupId + " would be written through the symbolic link " + link
                + ", which a restore never follows";
    }

    private static String refusedKind(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "a symbolic link (to " + entry.getLinkName() + ")";
        } else if (entry.isLink()) {
            return "a hard link (to " + entry.getLinkName() + ")";
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "a " + (entry.isCharacterDevice() ? "character" : "block") + " device";
        } else if (entry.isFIFO()) {
            return "a FIFO";
        }
        byte flag = entry.getLinkFlag();
        boolean plain = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_DIR;
        return plain && !entry.isSparse() ? null : "an entry of tar type '" + (char) flag + "'";
    }

    /**
     * The first symbolic link among what already exists of {@code path}'s components (from the restore's root, or from
     * "/" in place), or null. A link planted in a folder by a container must not carry a restore elsewhere.
     */
    Path linkOnTheWay(Path path) {
        Path root = into.orElse(Path.of("/"));
        Path at = root;
        for (Path part : root.relativize(path)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return at;
            }
            if (!Files.exists(at, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
        }
        return null;
    }

    static String trimSlash(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
