package io.mooring.source.jgit;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.internal.storage.file.FileSnapshot;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.URIish;

/**
 * JGit made ready on a thread of its own while a command that opens a repository starts ({@code apply}, {@code plan}):
 * its first repository's open sets up what every later one shares (the file system's detection and git's system
 * configuration, {@link GitSystemConfig}; the file store's timestamp resolution and the shutdown hook that saves it;
 * JGit's message bundle, which that hook is named from; the time zone; the configuration parser; the repository cache;
 * the address parser), 35 ms of the command's own thread on two cores whose other one has time. The command's thread,
 * arriving meanwhile, waits for each class's making as the JVM has any thread wait for a class another is initialising;
 * a failure here is left for that thread to meet and report.
 */
public final class JGitPreparation {
    private JGitPreparation() {
    }

    public static void start() {
        Thread thread = new Preparing();
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The thread, a class rather than a lambda: the process's first lambda sets up the JVM's lambda machinery (5 ms),
     * which a lambda here would have the command's thread do before this one starts, not beside it.
     */
    private static final class Preparing extends Thread {
        Preparing() {
            super("mooring-git-prepare");
        }

        @Override
        public void run() {
            try {
                prepare();
            } catch (RuntimeException | LinkageError e) {
                // The command's own thread meets it where it opens a repository, and reports it.
            }
        }
    }

    static void prepare() {
        GitSystemConfig.locate();
        // The class made (its constants are snapshots): no file is looked at.
        java.util.Objects.requireNonNull(FileSnapshot.DIRTY);
        // The cache a repository's close keeps it in (its work queue's thread started); the remote address's parser.
        RepositoryCache.getRegisteredKeys();
        new URIish().setPath(".");
        // A repository's configuration is read by a parser whose first run links its string concatenations.
        try {
            new Config().fromText("[core]\n\tbare = true\n[remote \"origin\"]\n\turl = .\n");
        } catch (ConfigInvalidException e) {
            throw new IllegalStateException(e);
        }
    }
}
