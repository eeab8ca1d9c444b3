package io.mooring.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's home (state database, repository mirrors) and backups folder hold credentials, hook output and
 * tenants' data: they are made the owner's alone, folders 0700 and files 0600, before anything is written there,
 * and an existing one left wider by an older version or an operator is narrowed, which a log line says. What is
 * written there later stays private behind its 0700 folder whatever the process's umask.
 */
public final class PrivateFolders {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFolders.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFolders() {
    }

    /** Creates each folder (0700) or narrows what is in it; a file system without POSIX modes is left as it is. */
    public static void prepare(Path... folders) {
        for (Path folder : folders) {
            try {
                create(folder);
                int narrowed = narrow(folder);
                if (narrowed > 0) {
                    LOG.warn("{}: {} folder(s) or file(s) were readable or writable by others; made the owner's alone (0700/0600)",
                            folder, narrowed);
                }
            } catch (UnsupportedOperationException e) {
                LOG.warn("{}: this file system has no POSIX modes; keep the folder private by other means", folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + folder + " private to the agent: " + e.getMessage(), e);
            }
        }
    }

    private static void create(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        }
    }

    /** Takes the group's and others' bits off everything below {@code folder}, links never followed; how many it changed. */
    private static int narrow(Path folder) throws IOException {
        AtomicInteger changed = new AtomicInteger();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                narrow(dir, changed);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() || attrs.isDirectory()) {
                    narrow(file, changed);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A running agent's fetch renames and deletes its temporary files while this walks: gone is private enough.
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return changed.get();
    }

    private static void narrow(Path path, AtomicInteger changed) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            throw new UnsupportedOperationException("no POSIX modes");
        }
        try {
            Set<PosixFilePermission> modes = view.readAttributes().permissions();
            if (modes.removeAll(OTHERS)) {
                view.setPermissions(modes);
                changed.incrementAndGet();
            }
        } catch (NoSuchFileException e) {
            // removed since it was listed (a fetch's temporary file)
        }
    }
}
