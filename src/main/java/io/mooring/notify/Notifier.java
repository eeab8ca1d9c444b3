package io.mooring.notify;

import io.mooring.model.AgentEvents;
import io.mooring.model.BackupEvent;
import io.mooring.model.PassRecord;
import io.mooring.model.TenantCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's notifications: what its passes and backups tell, and what {@link Watch} finds (certificates near their
 * end, nodes down, the loop stalled), turned into {@link Notice}s once per change of state ({@link Conditions}), each
 * queued for the targets that take it. Returns at once and never throws: sending is the {@link Outbox}es' work.
 */
public final class Notifier implements AgentEvents {
    /** A target and its queue. */
    public record Route(Target target, Outbox outbox) {
    }

    private final String node;
    private final List<Route> routes;
    private final Duration certificateWarning;
    private final Conditions conditions = new Conditions();

    public Notifier(String node, List<Route> routes, Duration certificateWarning) {
        this.node = node;
        this.routes = List.copyOf(routes);
        this.certificateWarning = certificateWarning;
    }

    /** Whether any target is configured; without one the agent has nothing to watch for. */
    public boolean active() {
        return !routes.isEmpty();
    }

    public void start() {
        routes.forEach(route -> route.outbox().start());
    }

    public void stop() {
        routes.forEach(route -> route.outbox().stop());
    }

    @Override
    public void passEnded(PassRecord pass) {
        PassVerdict verdict = PassVerdict.of(pass);
        Conditions.Key key = new Conditions.Key(pass.tenant(), pass.node(), "pass");
        String status = pass.status().name();
        verdict.broken().ifPresent(event -> conditions.broke(key, new Notice(event, false, pass.tenant(), pass.node(), pass.revision(),
                status, pass.message(), pass.finished())).ifPresent(this::dispatch));
        if (verdict.fine()) {
            conditions.fine(key, pass.revision(), status, pass.message(), pass.finished()).ifPresent(this::dispatch);
        }
    }

    @Override
    public void backupEnded(BackupEvent backup) {
        Conditions.Key key = new Conditions.Key(backup.tenant(), backup.node(), "backup");
        if (backup.succeeded()) {
            String made = "backup made in " + backup.took().toSeconds() + " s, " + backup.bytes() + " bytes";
            conditions.fine(key, "", "made", made, backup.at()).ifPresent(this::dispatch);
            dispatch(new Notice(Event.BACKUP_SUCCEEDED, false, backup.tenant(), backup.node(), "", "made", made, backup.at()));
        } else {
            conditions.broke(key, new Notice(Event.BACKUP_FAILED, false, backup.tenant(), backup.node(), "", "failed",
                    backup.error().orElse(""), backup.at())).ifPresent(this::dispatch);
        }
    }

    /** This node's tenants' certificates at {@code now}: one that ends within the warning is expiring until renewed. */
    public void certificates(Map<String, TenantCertificate> certificates, Instant now) {
        certificates.forEach((tenant, certificate) -> {
            Conditions.Key key = new Conditions.Key(tenant, node, "certificate");
            String line = certificate.source() + " certificate for " + certificate.names() + " expires " + certificate.notAfter();
            if (certificate.notAfter().isBefore(now.plus(certificateWarning))) {
                conditions.broke(key, new Notice(Event.CERTIFICATE_EXPIRING, false, tenant, node, "", "expiring", line, now))
                        .ifPresent(this::dispatch);
            } else {
                conditions.fine(key, "", "renewed", line, now).ifPresent(this::dispatch);
            }
        });
    }

    /** The cluster's nodes down at {@code now}: each newly down told once, each back up again told once. */
    public void downNodes(Set<String> down, Instant now) {
        for (String other : down) {
            conditions.broke(new Conditions.Key("", other, "node-down"), new Notice(Event.NODE_DOWN, false, "", other, "", "down",
                    other + " has sent no heartbeat in time", now)).ifPresent(this::dispatch);
        }
        for (Conditions.Key key : conditions.brokenOf("node-down")) {
            if (!down.contains(key.node())) {
                conditions.fine(key, "", "up", key.node() + " reports again", now).ifPresent(this::dispatch);
            }
        }
    }

    /** Why this node's reconcile loop is stalled at {@code now}, or nothing while it does its work. */
    public void stalled(Optional<String> why, Instant now) {
        Conditions.Key key = new Conditions.Key("", node, "loop-stalled");
        if (why.isPresent()) {
            conditions.broke(key, new Notice(Event.LOOP_STALLED, false, "", node, "", "stalled", why.get(), now)).ifPresent(this::dispatch);
        } else {
            conditions.fine(key, "", "running", "the reconcile loop completes its rounds again", now).ifPresent(this::dispatch);
        }
    }

    private void dispatch(Notice notice) {
        for (Route route : routes) {
            if (route.target().takes(notice)) {
                route.outbox().offer(notice);
            }
        }
    }
}
