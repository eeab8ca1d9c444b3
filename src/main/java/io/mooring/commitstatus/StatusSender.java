package io.mooring.commitstatus;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts statuses to the Git host on a daemon thread of its own, in the order they came, so that a slow or down host
 * never delays a pass: {@link #accept} only queues (a full queue drops the status, logged). A post that times out or
 * is answered 5xx or 429 is tried again after a backoff (a 429's or 503's Retry-After honoured up to a bound), a few
 * times; any other 4xx is logged with the host's answer (never the token) and dropped.
 */
public final class StatusSender implements Consumer<CommitStatus> {
    private static final Logger LOG = LoggerFactory.getLogger(StatusSender.class);
    private final StatusTarget target;
    private final Settings settings;
    private final BlockingQueue<CommitStatus> queue;
    private final HttpClient http;
    private final Set<String> told = new HashSet<>();
    private final java.util.concurrent.atomic.AtomicBoolean dropping = new java.util.concurrent.atomic.AtomicBoolean();
    private Thread thread;

    /** How many statuses wait at most, how often a post is tried, the first backoff and the longest wait, the timeouts. */
    public record Settings(int queue, int attempts, Duration backoff, Duration maxWait, Duration timeout) {
        public static final Settings DEFAULT = new Settings(1000, 4, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    public StatusSender(StatusTarget target, Settings settings) {
        this.target = target;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queue());
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Queues {@code status}; never blocks. */
    @Override
    public void accept(CommitStatus status) {
        if (!queue.offer(status) && !dropping.getAndSet(true)) {
            LOG.warn("commit status {} on {} dropped, and others until the queue empties: {} statuses wait for {} already",
                    status.context(), status.sha(), settings.queue(), target);
        }
    }

    /** Starts the thread that posts. */
    public synchronized void start() {
        thread = new Thread(this::run, "commit-statuses");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops posting; what still waits is dropped. */
    public synchronized void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                post(queue.take());
                if (queue.isEmpty()) {
                    dropping.set(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts {@code status}, tried again while the host may answer later. */
    void post(CommitStatus status) throws InterruptedException {
        Duration backoff = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> again = once(status, attempt == settings.attempts());
            if (again.isEmpty()) {
                return;
            }
            Duration wait = again.get().isZero() ? backoff : again.get();
            Thread.sleep(min(wait, settings.maxWait()).toMillis());
            backoff = min(backoff.multipliedBy(2), settings.maxWait());
        }
    }

    /** One post; how long to wait before trying again (zero: the backoff's), or empty when done or given up. */
    private Optional<Duration> once(CommitStatus status, boolean last) throws InterruptedException {
        String what = status.context() + " " + status.state().name().toLowerCase(java.util.Locale.ROOT) + " on " + status.sha();
        HttpResponse<String> answer;
        try {
            answer = http.send(target.request(status, settings.timeout()), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return retried(last, what, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), Duration.ZERO);
        }
        int code = answer.statusCode();
        String body = target.withoutToken(CommitStatus.shortened(answer.body()));
        if (code / 100 == 2 || target.provider().alreadyThere(code, answer.body())) {
            return Optional.empty();
        }
        if (code == 429 || code / 100 == 5) {
            return retried(last, what, "HTTP " + code + " " + body, retryAfter(answer));
        }
        tellOnce("commit status " + what + " refused by " + target + ": HTTP " + code + " " + body
                + (code == 401 || code == 403 ? " (is the token in commitStatus.tokenFile allowed to post statuses?)" : ""));
        return Optional.empty();
    }

    private Optional<Duration> retried(boolean last, String what, String why, Duration wait) {
        if (last) {
            LOG.warn("commit status {} not posted to {} after {} tries: {}", what, target, settings.attempts(), why);
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    /** A refusal is logged once: the same one for every status would fill the log. */
    private void tellOnce(String line) {
        if (told.size() > 100) {
            told.clear();
        }
        if (told.add(line.replaceAll("[0-9a-f]{40,64}", ""))) {
            LOG.warn(line);
        }
    }

    /** Retry-After in seconds; zero (the backoff) when absent or not a number of seconds. */
    static Duration retryAfter(HttpResponse<?> answer) {
        return answer.headers().firstValue("Retry-After").filter(v -> v.strip().matches("[0-9]{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(Duration.ZERO);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
