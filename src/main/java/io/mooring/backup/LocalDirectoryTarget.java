package io.mooring.backup;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Backups in a folder on this machine: each object written to a partial file, synced, then moved into place
 * in one step, so that a key only ever holds a whole object.
 */
public final class LocalDirectoryTarget implements BackupTarget {
    private static final String PARTIAL = ".partial-";

    private final Path root;

    public LocalDirectoryTarget(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || key.contains(PARTIAL)) {
            throw new IllegalArgumentException("backup key '" + key + "' is outside " + root);
        }
        return file;
    }

    @Override
    public ObjectUpload upload(String key) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL + UUID.randomUUID());
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
        return new ObjectUpload() {
            private boolean done;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void commit() throws IOException {
                channel.force(true);
                out.close();
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                done = true;
            }

            @Override
            public void close() throws IOException {
                if (!done) {
                    out.close();
                    Files.deleteIfExists(partial);
                    done = true;
                }
            }
        };
    }

    @Override
    public InputStream read(String key) throws IOException {
        try {
            return Files.newInputStream(file(key));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(key + " is not in " + root);
        }
    }

    @Override
    public List<String> keys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        Path start = root.resolve(prefix.isEmpty() ? "." : prefix).normalize();
        Path folder = Files.isDirectory(start) ? start : start.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix) && !k.contains(PARTIAL)).sorted().forEach(keys::add);
        }
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    @Override
    public int clean(String prefix) throws IOException {
        Path folder = root.resolve(prefix.isEmpty() ? "." : prefix).normalize();
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> partials;
        try (Stream<Path> files = Files.walk(folder)) {
            partials = files.filter(p -> p.getFileName().toString().contains(PARTIAL)).toList();
        }
        for (Path partial : partials) {
            Files.deleteIfExists(partial);
        }
        return partials.size();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void close() {
        // nothing held open
    }
}
