package io.mooring.source;

import io.mooring.model.ConfigTree;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A config repository or tenant folder on disk, read the way the agent reads a commit: no symbolic link is
 * followed (a link cannot make a tenant read a file outside its folder), only regular files are read, and
 * none larger than {@link #MAX_FILE_BYTES}.
 */
public final class FileTree implements ConfigTree {
    private final Path root;

    public FileTree(Path root) {
        this.root = root;
    }

    @Override
    public Optional<byte[]> read(String path) {
        Path file = resolve(path);
        if (file == null) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = attributes(file, path);
        if (attributes == null || !attributes.isRegularFile()) {
            return Optional.empty();
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw new InvalidConfigException(Location.of(path), "file is " + attributes.size() + " bytes; the limit is " + MAX_FILE_BYTES);
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidConfigException(Location.of(path), "file is larger than the limit of " + MAX_FILE_BYTES + " bytes");
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> folders(String dir) {
        return entries(dir, entry -> !entry.getFileName().toString().startsWith(".")
                && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public boolean isFolder(String path) {
        Path folder = path.isEmpty() ? root : resolve(path);
        return folder != null && isDirectory(folder, path);
    }

    @Override
    public List<String> links(String dir) {
        return entries(dir, Files::isSymbolicLink);
    }

    /** The sorted names of the entries directly in {@code dir} that pass {@code filter}; none when it is not a folder. */
    private List<String> entries(String dir, java.util.function.Predicate<Path> filter) {
        List<String> names = new ArrayList<>();
        if (!isFolder(dir)) {
            return names;
        }
        Path folder = dir.isEmpty() ? root : resolve(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (filter.test(entry)) {
                    names.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    /** The path under the root, each folder on the way checked not to be a link; null when something on the way is missing. */
    private Path resolve(String path) {
        Path at = root;
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative path inside the repository: " + path);
            }
            at = at.resolve(segment);
            if (i < segments.length - 1 && !isDirectory(at, String.join("/", java.util.Arrays.copyOf(segments, i + 1)))) {
                return null;
            }
        }
        return at;
    }

    private boolean isDirectory(Path dir, String relative) {
        BasicFileAttributes attributes = attributes(dir, relative);
        return attributes != null && attributes.isDirectory();
    }

    private static BasicFileAttributes attributes(Path file, String relative) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw new InvalidConfigException(Location.of(relative), "is a symbolic link; Mooring does not follow links"
                        + " (a link could point outside the tenant folder): commit the file itself");
            }
            return attributes;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
