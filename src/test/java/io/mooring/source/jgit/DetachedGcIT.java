package io.mooring.source.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mooring.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.GC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A new mirror is moved into place only once JGit's detached garbage collection of the clone has ended. */
class DetachedGcIT {
    @TempDir
    Path tmp;

    /**
     * JGit's collection runs late here, as on a busy host: its thread starts each task half a second after it is
     * given. Moved at once, the clone left that task in a folder gone and JGit logged that it could not unlock it.
     */
    @Test
    void aCloneIsMovedOnlyOnceItsCollectionHasEnded() throws Exception {
        Logger jgitFiles = (Logger) LoggerFactory.getLogger("org.eclipse.jgit.internal.storage.file");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        jgitFiles.addAppender(logged);
        Late late = new Late();
        GC.setExecutor(late);
        try (TestRepo repo = new TestRepo(tmp.resolve("config"))) {
            repo.write("components.yml", "services: {}\n").commit("one");
            long endedBeforeUse;
            try (JGitSource source = new JGitSource(repo.dir().toString(), tmp.resolve("home"))) {
                assertThat(source.checkout(null).tree().read("components.yml")).isPresent();
                endedBeforeUse = late.getCompletedTaskCount();
            }
            // JGit's own executor again first: a collection another test starts now must not meet a pool shut down.
            GC.setExecutor(null);
            late.shutdown();
            assertThat(late.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(messages(logged)).as("what JGit logged").isEmpty();
            try (Stream<Path> files = Files.walk(tmp.resolve("home"))) {
                assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".partial") || f.endsWith("gc.log.lock"));
            }
            assertThat(endedBeforeUse).as("JGit's collection of the clone had ended before the mirror was used").isEqualTo(1);
        } finally {
            GC.setExecutor(null);
            late.shutdownNow();
            jgitFiles.detachAppender(logged);
        }
    }

    @Test
    void aCollectionThatDoesNotEndIsWaitedForOnlySoLong() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("stuck.git"));
        assertThat(DetachedGc.awaitEnd(repo, Duration.ofMillis(50))).as("no collection under way").isTrue();
        Files.writeString(repo.resolve("gc.log.lock"), "");
        assertThat(DetachedGc.awaitEnd(repo, Duration.ofMillis(100))).isFalse();
    }

    /** One thread, which waits half a second before each task it is given. */
    private static final class Late extends ThreadPoolExecutor {
        Late() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
