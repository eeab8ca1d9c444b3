package io.mooring.wiring;

import io.dropwizard.lifecycle.Managed;
import io.mooring.config.NotificationTarget;
import io.mooring.config.NotificationsConfig;
import io.mooring.notify.Channel;
import io.mooring.notify.HttpChannel;
import io.mooring.notify.Notifier;
import io.mooring.notify.Outbox;
import io.mooring.notify.Target;
import io.mooring.notify.Watch;
import io.mooring.notify.mail.SmtpChannel;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code notifications:} block → a {@link Notifier} (the agent's listener) with one {@link Outbox} per target, its
 * secrets read from their files once at start; and the {@link Watch} over the reconciler's certificates, the cluster's
 * down nodes and the loop, managed with the outboxes' threads.
 */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    /** Each send's bound: connecting, then the whole request (or an SMTP exchange's each step). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The waits before each retry of a failed send. */
    private static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
    private static final int QUEUE = 500;

    private Notifications() {
    }

    public static Notifier notifier(NotificationsConfig config, String node) {
        // One client for the HTTP targets, made only when there is one: it loads the JDK's TLS trust store, a tenth of a
        // second of the agent's start.
        HttpClient client = null;
        List<Notifier.Route> routes = new ArrayList<>();
        for (int i = 0; i < config.getTargets().size(); i++) {
            Target target = target(i, config.getTargets().get(i));
            if (!target.type().equals("email") && client == null) {
                client = HttpChannel.client(TIMEOUT);
            }
            Channel channel = target.type().equals("email") ? new SmtpChannel(target.mail().orElseThrow(), config.getPageUrl(), TIMEOUT)
                    : new HttpChannel(client, target, config.getPageUrl(), TIMEOUT);
            routes.add(new Notifier.Route(target, new Outbox(target, channel, QUEUE, BACKOFF)));
            LOG.info("notifications go to {}", target.describe());
        }
        return new Notifier(node, routes, config.getCertificateWarning().toJavaDuration());
    }

    /** The outboxes' threads and the watch, started with the agent (after its loop) and stopped with it. */
    public static Managed watching(Notifier notifier, NotificationsConfig config, Watch.Sources sources) {
        Watch watch = new Watch(notifier, sources, Clock.systemUTC(), config.getCheckInterval().toJavaDuration());
        return new Managed() {
            @Override
            public void start() {
                if (notifier.active()) {
                    notifier.start();
                    watch.start();
                }
            }

            @Override
            public void stop() {
                watch.stop();
                notifier.stop();
            }
        };
    }

    static Target target(int index, NotificationTarget entry) {
        String setting = "notifications.targets[" + index + "]";
        Optional<Target.Mail> mail = entry.getType().equals("email")
                ? Optional.of(new Target.Mail(entry.getHost().orElseThrow(), entry.getPort(), entry.getFrom().orElseThrow(), entry.getTo(),
                        entry.getUsername(), entry.password(setting), entry.getTls()))
                : Optional.empty();
        return new Target(index, entry.getType(), entry.url(setting), entry.getUrlFile().isPresent(), entry.secret(setting),
                new HashSet<>(entry.getTenants()), new HashSet<>(entry.getEvents()), mail);
    }
}
