package io.mooring.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The file behind an {@link EngineLock}, one object per file in the process. Its rules follow the operating system's:
 * a file lock belongs to the process, and closing any channel of the file may drop every lock the process has on
 * it. So the process takes the file lock once, through one channel, counts its holdings, and lets go with the last;
 * no other channel of the file is opened or closed while the lock is held.
 */
final class LockFile {
    private final Path path;
    private FileChannel channel;
    private FileLock lock;
    private int holdings;

    LockFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Takes the lock, or one more holding of it when this process has it already; false when another process has it. */
    synchronized boolean tryAcquire() {
        if (holdings > 0) {
            holdings++;
            return true;
        }
        FileChannel opened = open();
        try {
            FileLock taken = opened.tryLock();
            if (taken == null) {
                opened.close();
                return false;
            }
            channel = opened;
            lock = taken;
            holdings = 1;
            write(opened, "pid=" + pid() + "\nsince=" + Instant.now() + "\n");
            return true;
        } catch (OverlappingFileLockException e) {
            // The same file under another name, locked through another object of this process: taken, so busy.
            close(opened);
            return false;
        } catch (IOException e) {
            close(opened);
            throw new EngineException("cannot lock " + path + ": " + e.getMessage(), e);
        }
    }

    /** This process's id: Linux names it in {@code /proc/self}, read without the JDK's process handles (a thread pool, 5 ms). */
    private static String pid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Long.toString(ProcessHandle.current().pid());
        }
    }

    /** Gives back one holding; the last one empties the file and lets go of the lock. */
    synchronized void release() {
        if (holdings == 0 || --holdings > 0) {
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // closing the channel below lets go of the lock all the same
        } finally {
            close(channel);
            channel = null;
            lock = null;
        }
    }

    /** Who holds the lock as the file says: read through the held channel, since closing another one would drop the lock. */
    synchronized EngineLock.Holder holder() {
        if (holdings > 0) {
            return parse(read(channel));
        }
        try (FileChannel reading = FileChannel.open(path, StandardOpenOption.READ)) {
            return parse(read(reading));
        } catch (IOException e) { // gone or unreadable: its holder is unknown
            return new EngineLock.Holder(-1, null);
        }
    }

    /**
     * Opens the file, never through a link. A new file is readable and writable by its owner and the docker group
     * only: whoever may lock it may use the engine anyway, and nobody else can hold the agent up with it.
     */
    private FileChannel open() {
        try {
            createFolder(path.getParent());
            boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
            FileChannel opened = created
                    ? FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----")))
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            if (created) {
                toDockerGroup();
            }
            return opened;
        } catch (IOException | UnsupportedOperationException e) {
            throw new EngineException("cannot open the engine's lock file " + path + " (" + e.getMessage() + "); run as root or as a"
                    + " member of the docker group once the agent has made it", e);
        }
    }

    private static void createFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    /**
     * Members of the docker group may run {@code mooring apply}: they lock the same file as the agent. The mode is set
     * again after creation, since the process's umask may have taken the group's write away.
     */
    private void toDockerGroup() {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            view.setPermissions(PosixFilePermissions.fromString("rw-rw----"));
            view.setGroup(path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("docker"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no docker group, or not ours to give: the file stays its creator's
        }
    }

    private static void write(FileChannel channel, String text) throws IOException {
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        for (long at = 0; bytes.hasRemaining(); ) {
            at += channel.write(bytes, at);
        }
    }

    private static String read(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(256);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // reads until the end or 256 bytes, more than the file ever holds
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static EngineLock.Holder parse(String text) {
        long pid = -1;
        Instant since = null;
        for (String line : text.split("\n")) {
            try {
                if (line.startsWith("pid=")) {
                    pid = Long.parseLong(line.substring(4).strip());
                } else if (line.startsWith("since=")) {
                    since = Instant.parse(line.substring(6).strip());
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                // a file cut short while its holder wrote it: that part is unknown
            }
        }
        return new EngineLock.Holder(pid, since);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to let go of
        }
    }
}
