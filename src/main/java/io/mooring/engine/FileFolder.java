package io.mooring.engine;

import io.mooring.model.ContainerOptions.FileMount;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The agent's folder of the secrets and configs its containers mount ({@code secrets.filesDir}): on a tmpfs, so that
 * their content never reaches a disk, and the agent's alone (0700). A file is {@code <folder>/<tenant>/<key>}
 * ({@link FileMount#key()}: content-addressed, with its mode and owner), written whole under a temporary name and
 * renamed, never through a link; the engine bind-mounts it read-only, so the container sees its owner and mode.
 */
public final class FileFolder {
    /** {@code secrets.filesDir} unless the agent's configuration says otherwise. */
    public static final String DEFAULT = "/run/mooring/files";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final String PARTIAL = ".partial-";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;

    /** The folder cannot hold secrets: a configuration error, which the server reports without a stack trace. */
    public static final class Unusable extends EngineException {
        Unusable(String message) {
            super(message);
        }
    }

    public FileFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Makes the folder when it is missing (its parent must exist) and checks it is a folder, not a link, on a tmpfs, the
     * agent's own and 0700; otherwise an {@link EngineException} that says what is wrong and how to set it right.
     */
    public void check() {
        String fix = ". It holds the secrets and configs containers mount: make it a folder on a tmpfs, owned by the agent's user,"
                + " mode 0700 (e.g. `mount -t tmpfs -o mode=0700,size=64m tmpfs " + root + "`), or set secrets.filesDir to one";
        try {
            if (!Files.exists(root, NOFOLLOW)) {
                try {
                    Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PRIVATE));
                } catch (java.nio.file.FileAlreadyExistsException madeMeanwhile) {
                    // Another Mooring process made it first (two starting at once): checked below like any other.
                }
            }
            PosixFileAttributes attrs = Files.readAttributes(root, PosixFileAttributes.class, NOFOLLOW);
            if (!attrs.isDirectory()) {
                throw new Unusable("secrets.filesDir: " + root + " is not a folder" + (attrs.isSymbolicLink() ? " but a symbolic link" : "")
                        + fix);
            }
            FileStore store = Files.getFileStore(root);
            if (!"tmpfs".equals(store.type())) {
                throw new Unusable("secrets.filesDir: " + root + " is on a " + store.type() + " file system, not a tmpfs: a secret"
                        + " written there would reach a disk" + fix);
            }
            if ((int) Files.getAttribute(root, "unix:uid", NOFOLLOW) != ownUid()) {
                throw new Unusable("secrets.filesDir: " + root + " is not owned by the agent's user (uid " + ownUid() + ")" + fix);
            }
            if (!attrs.permissions().equals(PRIVATE)) {
                throw new Unusable("secrets.filesDir: " + root + " has mode " + PosixFilePermissions.toString(attrs.permissions())
                        + ", not rwx------" + fix);
            }
        } catch (IOException e) {
            throw new Unusable("secrets.filesDir: cannot use " + root + ": " + e + fix);
        }
    }

    /** The file the engine mounts for {@code file} of the tenant's container. */
    public Path source(String tenant, FileMount file) {
        return tenantFolder(tenant).resolve(file.key());
    }

    /** Writes each file that is missing or not as it should be (a host's restart empties the tmpfs); the keys it wrote. */
    public Set<String> deliver(String tenant, Collection<FileMount> files) {
        Set<String> written = new LinkedHashSet<>();
        if (files.isEmpty()) {
            return written;
        }
        check();
        Path folder = tenantFolder(tenant);
        try {
            if (!Files.exists(folder, NOFOLLOW)) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
            }
            if (!Files.isDirectory(folder, NOFOLLOW)) {
                throw new EngineException(folder + " is not a folder: remove it, the agent makes it again");
            }
            for (FileMount file : files) {
                if (!present(folder.resolve(file.key()), file)) {
                    write(folder, file);
                    written.add(file.key());
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot write the tenant's secrets and configs under " + folder + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** Whether the tenant has a folder here (files delivered and not all pruned since). */
    public boolean holds(String tenant) {
        return Files.isDirectory(tenantFolder(tenant), NOFOLLOW);
    }

    /** Removes the tenant's files {@code keep} does not name, and its folder once it is empty; how many files it removed. */
    public int prune(String tenant, Set<String> keep) {
        Path folder = tenantFolder(tenant);
        if (!Files.isDirectory(folder, NOFOLLOW)) {
            return 0;
        }
        int removed = 0;
        try {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    if (!keep.contains(entry.getFileName().toString()) && Files.deleteIfExists(entry)) {
                        removed++;
                    }
                }
            }
            if (keep.isEmpty()) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            throw new EngineException("cannot remove unused secrets and configs under " + folder + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** The keys of the tenant's files, from the paths the engine reports a container mounts. */
    public Set<String> keysOf(String tenant, Collection<String> mountSources) {
        Path folder = tenantFolder(tenant);
        Set<String> keys = new LinkedHashSet<>();
        mountSources.stream().map(s -> Path.of(s).normalize()).filter(p -> folder.equals(p.getParent()))
                .forEach(p -> keys.add(p.getFileName().toString()));
        return keys;
    }

    private Path tenantFolder(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw new EngineException("tenant name " + tenant + " cannot name a folder of secrets");
        }
        return root.resolve(tenant);
    }

    /** The cheap check: a regular file, not a link, of the content's size, with the mode and owner it must have. */
    private static boolean present(Path path, FileMount file) throws IOException {
        try {
            PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, NOFOLLOW);
            return attrs.isRegularFile() && attrs.size() == file.source().content().length && mode(attrs.permissions()) == file.mode()
                    && (ownUid() != 0 || (int) Files.getAttribute(path, "unix:uid", NOFOLLOW) == file.uid()
                    && (int) Files.getAttribute(path, "unix:gid", NOFOLLOW) == file.gid());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Written under a fresh name that nothing else can hold (CREATE_NEW refuses a planted link), given its owner (only root
     * can give a file away: an agent that is not root delivers its files as its own) and mode, then renamed into place.
     */
    private static void write(Path folder, FileMount file) throws IOException {
        Path partial = folder.resolve(PARTIAL + UUID.randomUUID());
        try {
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
                out.write(file.source().content());
            }
            if (ownUid() == 0) {
                Files.setAttribute(partial, "unix:uid", file.uid(), NOFOLLOW);
                Files.setAttribute(partial, "unix:gid", file.gid(), NOFOLLOW);
            }
            Files.setPosixFilePermissions(partial, permissions(file.mode()));
            Files.move(partial, folder.resolve(file.key()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                set.add(p);
            }
        }
        return set;
    }

    /** The agent's own uid: the owner of /proc/self, which is the process's. */
    private static int ownUid() {
        try {
            return (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
