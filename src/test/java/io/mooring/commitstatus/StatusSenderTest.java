package io.mooring.commitstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a real HTTP server that answers as told: 5xx, 429 and timeouts tried again a bounded number of
 * times, a refusal or GitLab's "same state" answer not tried again, a full queue dropping instead of blocking.
 */
class StatusSenderTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final StatusSender.Settings QUICK = new StatusSender.Settings(2, 3, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(5));
    private final Deque<String[]> answers = new ArrayDeque<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch twoReceived = new CountDownLatch(2);
    private HttpServer server;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getRawPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String[] answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? new String[] {"201", "{}"} : answers.poll();
            }
            if (answer.length > 2) {
                exchange.getResponseHeaders().add("Retry-After", answer[2]);
            }
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            twoReceived.countDown();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private StatusSender sender(Provider provider) {
        String api = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        return new StatusSender(new StatusTarget(provider, api, "acme/fleet", "secret-token", Optional.empty()), QUICK);
    }

    private void answer(String... answer) {
        answers.add(answer);
    }

    private static CommitStatus status(StatusState state) {
        return CommitStatus.of("shop", "node-a", SHA, state, "converged");
    }

    @Test
    void fiveHundredsAndTooManyRequestsAreTriedAgainRetryAfterBoundedByTheLongestWait() throws Exception {
        answer("503", "down for maintenance", "3600");
        answer("429", "{\"message\":\"API rate limit exceeded\"}", "1");
        sender(Provider.GITHUB).post(status(StatusState.SUCCESS));
        assertThat(received).hasSize(3).allSatisfy(r -> assertThat(r).startsWith("/api/repos/acme/fleet/statuses/" + SHA));
    }

    @Test
    void aHostThatKeepsFailingIsGivenUpAfterTheAttempts() throws Exception {
        for (int i = 0; i < 5; i++) {
            answer("502", "bad gateway");
        }
        sender(Provider.GITEA).post(status(StatusState.FAILURE));
        assertThat(received).hasSize(QUICK.attempts());
    }

    @Test
    void aRefusalIsNotTriedAgain() throws Exception {
        answer("401", "{\"message\":\"Bad credentials\"}");
        answer("422", "{\"message\":\"Validation Failed\"}");
        StatusSender sender = sender(Provider.GITHUB);
        sender.post(status(StatusState.SUCCESS));
        sender.post(status(StatusState.FAILURE));
        assertThat(received).hasSize(2);
    }

    @Test
    void gitlabsRefusalOfTheSameStateIsDone() throws Exception {
        answer("400", "{\"message\":\"Cannot transition status via :run from :running\"}");
        sender(Provider.GITLAB).post(status(StatusState.RUNNING));
        assertThat(received).containsExactly("/api/projects/acme%2Ffleet/statuses/" + SHA
                + " {\"state\":\"running\",\"description\":\"converged\",\"name\":\"mooring/shop@node-a\"}");
    }

    @Test
    void aFullQueueDropsWithoutBlockingAndTheThreadPostsWhatWaits() throws Exception {
        StatusSender sender = sender(Provider.GITHUB);
        for (int i = 0; i < 10; i++) {
            sender.accept(status(i % 2 == 0 ? StatusState.RUNNING : StatusState.SUCCESS));
        }
        sender.start();
        try {
            assertThat(twoReceived.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            sender.stop();
        }
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).contains("\"state\":\"pending\"");
        assertThat(received.get(1)).contains("\"state\":\"success\"");
    }
}
