package io.mooring.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A target's queue: sent on its own thread, a failed send retried, then given up for the next notice. */
class OutboxTest {
    private static final Target TARGET = new Target(0, "webhook", Optional.of("http://127.0.0.1:1/h"), false, Optional.empty(), Set.of(),
            Set.of(), Optional.empty());

    private static Notice notice(String tenant) {
        return new Notice(Event.PASS_FAILED, false, tenant, "node-a", "", "FAILED", "", Instant.EPOCH);
    }

    @Test
    void aFailedSendIsRetriedAndOneThatNeverWorksIsGivenUp() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        LinkedBlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        Outbox outbox = new Outbox(TARGET, notice -> {
            int attempt = tries.incrementAndGet();
            if (notice.tenant().equals("never") || attempt < 3) {
                throw new java.io.IOException("answered HTTP 500");
            }
            delivered.add(notice.tenant() + " after " + attempt);
        }, 10, List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO));
        outbox.start();
        try {
            outbox.offer(notice("shop"));
            assertThat(delivered.poll(10, TimeUnit.SECONDS)).isEqualTo("shop after 3");
            tries.set(0);
            outbox.offer(notice("never"));
            outbox.offer(notice("blog"));
            assertThat(delivered.poll(10, TimeUnit.SECONDS)).as("4 tries of 'never', then blog").isEqualTo("blog after 5");
        } finally {
            outbox.stop();
        }
    }
}
