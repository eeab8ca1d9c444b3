package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AfterStartTest {
    /** What a managed part was asked, in order. */
    private static final class Part implements Managed {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    }

    @Test
    void startsOnceTheServerHasStartedAndAMomentPassedAndStopsWithIt() throws Exception {
        Part part = new Part();
        AfterStart after = new AfterStart(part, Duration.ofMillis(50), CompletableFuture.completedFuture(null));
        after.start();
        Thread.sleep(200);
        assertThat(part.calls).as("not before the server").isEmpty();
        after.serverStarted(null);
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); part.calls.isEmpty() && System.nanoTime() < end; ) {
            Thread.sleep(10);
        }
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); timerAlive() && System.nanoTime() < end; ) {
            Thread.sleep(50);
        }
        assertThat(timerAlive()).as("the timer's thread, its start made").isFalse();
        after.stop();
        assertThat(part.calls).containsExactly("start", "stop");
    }

    @Test
    void aStopBeforeTheMomentDropsTheStart() throws Exception {
        Part part = new Part();
        AfterStart after = new AfterStart(part, Duration.ofMillis(300), CompletableFuture.completedFuture(null));
        after.serverStarted(null);
        after.stop();
        Thread.sleep(600);
        assertThat(part.calls).containsExactly("stop");
    }

    @Test
    void waitsForWhatComesFirstEvenWhenItFails() throws Exception {
        Part part = new Part();
        CompletableFuture<Void> api = new CompletableFuture<>();
        AfterStart after = new AfterStart(part, Duration.ofMillis(50), api);
        after.serverStarted(null);
        Thread.sleep(300);
        assertThat(part.calls).as("not before the API is made").isEmpty();
        api.completeExceptionally(new IllegalStateException("no API"));
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); part.calls.isEmpty() && System.nanoTime() < end; ) {
            Thread.sleep(10);
        }
        after.stop();
        assertThat(part.calls).containsExactly("start", "stop");
    }

    private static boolean timerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mooring-after-start"));
    }
}
