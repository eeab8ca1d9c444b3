package io.mooring.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A folders archive read back: first checked whole against {@link ArchiveRules} without writing anything, then
 * extracted, each entry checked again (the object is read twice, and a bucket may change in between). Files and
 * folders keep their modes, and their owners when Mooring runs as root.
 */
final class FolderRestore {
    private static final int MAX_REPORTED = 20;
    private static final String PARTIAL = ".mooring-restore";
    private static final boolean AS_ROOT = runsAsRoot();

    private FolderRestore() {
    }

    /** What is wrong with the archive's entries (the first 20, then how many more); empty when all may be restored. */
    static List<String> check(InputStream archive, ArchiveRules rules) throws IOException {
        List<String> problems = new ArrayList<>();
        int more = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            String problem = rules.problem(entry);
            if (problem != null && problems.size() < MAX_REPORTED) {
                problems.add(problem);
            } else if (problem != null) {
                more++;
            }
        }
        if (more > 0) {
            problems.add("and " + more + " more");
        }
        return problems;
    }

    /** Extracts an archive {@link #check} passed; returns how many files were written. */
    static int extract(InputStream archive, ArchiveRules rules) throws IOException {
        List<TarArchiveEntry> folders = new ArrayList<>();
        List<Path> folderPaths = new ArrayList<>();
        int files = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            String problem = rules.problem(entry);
            if (problem != null) {
                throw new IOException(problem + " (the archive changed after it was checked); the restore stopped there");
            }
            Path target = rules.destination(entry);
            if (ArchiveRules.isFolder(entry)) {
                Files.createDirectories(target);
                folders.add(entry);
                folderPaths.add(target);
            } else {
                Files.createDirectories(target.getParent());
                writeFile(tar, entry, target);
                files++;
            }
        }
        // Folder modes last, deepest first: a folder without write permission could not have been filled.
        for (int i = folders.size() - 1; i >= 0; i--) {
            keepModeAndOwner(folderPaths.get(i), folders.get(i));
        }
        return files;
    }

    private static void writeFile(InputStream content, TarArchiveEntry entry, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        Files.deleteIfExists(partial);
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            content.transferTo(out);
        }
        keepModeAndOwner(partial, entry);
        // A rename replaces whatever is at the target, a link included, without following it.
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void keepModeAndOwner(Path path, TarArchiveEntry entry) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // a file system without POSIX modes keeps its own
        }
        view.setPermissions(PosixFilePermissions.fromString(rwx(entry.getMode() & 0777)));
        if (AS_ROOT) {
            Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Only root may give a file away; anyone else's restored files stay theirs. /proc/self belongs to the process's user. */
    private static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String rwx(int mode) {
        StringBuilder text = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            text.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return text.toString();
    }
}
