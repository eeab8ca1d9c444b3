package io.mooring.notify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's notices waiting to be sent, sent in order on a daemon thread of their own so that nothing the agent does
 * waits for them, and a slow or failing target delays no other. The queue is bounded: when it is full the oldest notice
 * is dropped, with a warning. A failed send is retried after each of {@code backoff}'s waits, then given up, logged
 * without the target's secrets.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private final Target target;
    private final Channel channel;
    private final int capacity;
    private final List<Duration> backoff;
    private final Deque<Notice> waiting = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean stopped;

    public Outbox(Target target, Channel channel, int capacity, List<Duration> backoff) {
        this.target = target;
        this.channel = channel;
        this.capacity = capacity;
        this.backoff = List.copyOf(backoff);
        this.thread = new Thread(this::run, "notify-" + target.index() + "-" + target.type());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Queues {@code notice}; returns at once. */
    public void offer(Notice notice) {
        synchronized (waiting) {
            if (waiting.size() >= capacity) {
                Notice dropped = waiting.removeFirst();
                LOG.warn("{}: {} notifications wait already; dropped the oldest ({})", target.describe(), capacity, dropped.title());
            }
            waiting.addLast(notice);
            waiting.notifyAll();
        }
    }

    /** What waits to be sent, oldest first. */
    List<Notice> waiting() {
        synchronized (waiting) {
            return List.copyOf(waiting);
        }
    }

    /** Ends the thread; what still waits is not sent. */
    public void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void run() {
        try {
            while (!stopped) {
                Notice notice = next();
                try {
                    deliver(notice);
                } catch (RuntimeException e) {
                    LOG.warn("{}: dropped '{}': {}", target.describe(), notice.title(), e.getClass().getSimpleName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Notice next() throws InterruptedException {
        synchronized (waiting) {
            while (waiting.isEmpty()) {
                waiting.wait();
            }
            return waiting.removeFirst();
        }
    }

    private void deliver(Notice notice) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                channel.send(notice);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= backoff.size()) {
                    LOG.warn("{}: gave up sending '{}' after {} tries: {}", target.describe(), notice.title(), attempt + 1, scrub(e));
                    return;
                }
                LOG.warn("{}: could not send '{}' ({}); trying again in {}", target.describe(), notice.title(), scrub(e),
                        backoff.get(attempt));
                Thread.sleep(backoff.get(attempt).toMillis());
            }
        }
    }

    /** The failure in words, without the target's URL or secrets should the library have put them in. */
    private String scrub(Exception e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        for (String secret : secrets()) {
            text = text.replace(secret, "...");
        }
        return text;
    }

    private List<String> secrets() {
        List<String> secrets = new java.util.ArrayList<>();
        target.url().ifPresent(u -> {
            secrets.add(u.strip());
            try {
                java.net.URI uri = new java.net.URI(u.strip());
                if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
                    secrets.add(uri.getRawPath());
                }
            } catch (java.net.URISyntaxException e) {
                // the whole URL is scrubbed already
            }
        });
        target.secret().ifPresent(secrets::add);
        target.mail().flatMap(Target.Mail::password).ifPresent(secrets::add);
        return secrets.stream().filter(s -> !s.isBlank()).toList();
    }
}
