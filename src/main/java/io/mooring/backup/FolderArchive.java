package io.mooring.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host folders as one tar stream, each entry under its absolute path (without the leading /), regular files
 * and folders only: a link is never followed nor archived (each one skipped is logged), and a folder reached
 * through a link is refused. {@link FolderRestore} reads it back.
 */
final class FolderArchive {
    private static final Logger LOG = LoggerFactory.getLogger(FolderArchive.class);

    private FolderArchive() {
    }

    static void write(List<String> folders, OutputStream sink) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(sink))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String folder : folders) {
                Path root = checkedFolder(folder);
                List<Path> paths;
                try (Stream<Path> walk = Files.walk(root)) {
                    paths = walk.sorted().toList();
                }
                for (Path path : paths) {
                    if (!(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))) {
                        LOG.info("backup of {}: {} is skipped, not a plain file or folder (links are never followed nor stored)", folder, path);
                        continue;
                    }
                    TarArchiveEntry entry;
                    try {
                        entry = new TarArchiveEntry(path, path.toString().substring(1), LinkOption.NOFOLLOW_LINKS);
                    } catch (NoSuchFileException gone) {
                        continue; // removed since the folder was listed
                    }
                    keepModeAndOwner(entry, path);
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

    /** The file's mode and owner, as the restore gives them back (the entry's constructor leaves defaults here). */
    private static void keepModeAndOwner(TarArchiveEntry entry, Path path) throws IOException {
        try {
            entry.setMode((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS));
            entry.setUserId((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            entry.setGroupId((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // a file system without POSIX attributes: the entry keeps tar's defaults
        }
    }

    /**
     * The folder, refused when it or any folder on its path is a symbolic link: a container that can write the folder's
     * parent could otherwise point the backup at any of the host's files.
     */
    private static Path checkedFolder(String folder) throws IOException {
        Path root = Path.of(folder).toAbsolutePath().normalize();
        Path at = root.getRoot();
        for (Path part : root) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new IOException("backup folder " + folder + " is refused: " + (at.equals(root) ? "it" : at.toString())
                        + " is a symbolic link, and a backup never follows links");
            }
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("backup folder " + folder + " is not a folder on this host");
        }
        return root;
    }

    /**
     * A file in a live folder may grow or shrink between its header and its bytes: the entry keeps the size its
     * header says, cut at it or padded with zeros, rather than failing the whole backup.
     */
    private static void copyAsSized(Path path, long size, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                ? Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS) : InputStream.nullInputStream()) {
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
}
