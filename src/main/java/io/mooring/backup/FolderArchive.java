package io.mooring.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Host folders as one tar stream, each entry under its absolute path (without the leading /), regular files
 * and folders only: a link is never followed nor archived. Restored to the same paths, or under another root;
 * an entry that would land outside its folder is refused.
 */
final class FolderArchive {
    private FolderArchive() {
    }

    static void write(List<String> folders, OutputStream sink) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(sink))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String folder : folders) {
                Path root = Path.of(folder);
                if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("backup folder " + folder + " is not a folder on this host");
                }
                List<Path> paths;
                try (Stream<Path> walk = Files.walk(root)) {
                    paths = walk.sorted().toList();
                }
                for (Path path : paths) {
                    if (Files.isSymbolicLink(path) || !(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))) {
                        continue;
                    }
                    TarArchiveEntry entry;
                    try {
                        entry = new TarArchiveEntry(path, path.toString().substring(1), LinkOption.NOFOLLOW_LINKS);
                    } catch (NoSuchFileException gone) {
                        continue; // removed since the folder was listed
                    }
                    tar.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        copyAsSized(path, entry.getSize(), tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
            tar.finish();
        }
    }

    /**
     * A file in a live folder may grow or shrink between its header and its bytes: the entry keeps the size its
     * header says, cut at it or padded with zeros, rather than failing the whole backup.
     */
    private static void copyAsSized(Path path, long size, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Files.newInputStream(path) : InputStream.nullInputStream()) {
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    Arrays.fill(buffer, (byte) 0);
                    for (; left > 0; left -= Math.min(buffer.length, left)) {
                        out.write(buffer, 0, (int) Math.min(buffer.length, left));
                    }
                    return;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** Extracts every entry under {@code root} ("/" for the paths the backup was made from). */
    static int extract(InputStream archive, Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        int files = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            Path target = base.resolve(entry.getName()).normalize();
            if (!target.startsWith(base) || entry.getName().startsWith("/")) {
                throw new IOException("the archive's entry " + entry.getName() + " would land outside " + base + "; nothing more is restored");
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isFile()) {
                Files.createDirectories(target.getParent());
                Path partial = target.resolveSibling(target.getFileName() + ".mooring-restore");
                Files.copy(tar, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                permissions(target, entry.getMode());
                files++;
            }
        }
        return files;
    }

    private static void permissions(Path file, int mode) {
        try {
            Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
            for (int bit = 0; bit < order.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    set.add(order[bit]);
                }
            }
            Files.setPosixFilePermissions(file, set);
        } catch (IOException | UnsupportedOperationException e) {
            // permissions are kept where the file system can
        }
    }
}
