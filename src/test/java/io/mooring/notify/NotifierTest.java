package io.mooring.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.BackupEvent;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.model.TenantCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which notices a target gets: one per change of state, filtered by its tenants and events. */
class NotifierTest {
    private static final Instant NOW = Instant.parse("2026-12-01T05:00:00Z");
    private final Target all = target(0, Set.of(), Set.of());
    private final Target shop = target(1, Set.of("shop"), Set.of());
    private final Target backups = target(2, Set.of(), Set.of("backup-failed", "backup-succeeded"));
    private final List<Target> targets = List.of(all, shop, backups);
    private final List<Outbox> outboxes = targets.stream().map(t -> new Outbox(t, notice -> { }, 100, List.of())).toList();
    private final Notifier notifier = new Notifier("node-a", java.util.stream.IntStream.range(0, 3)
            .mapToObj(i -> new Notifier.Route(targets.get(i), outboxes.get(i))).toList(), Duration.ofDays(14));

    static Target target(int index, Set<String> tenants, Set<String> events) {
        return new Target(index, "webhook", Optional.of("http://127.0.0.1:1/hook"), false, Optional.empty(), tenants, events, Optional.empty());
    }

    static PassRecord pass(String tenant, PassStatus status, String revision, String message) {
        List<ActionRecord> actions = message.contains("rolled back")
                ? List.of(new ActionRecord("web", ActionVerb.REPLACE, "tag changed", ActionOutcome.FAILED, message)) : List.of();
        return new PassRecord(tenant, "node-a", revision, status, message, actions, NOW, NOW);
    }

    private List<String> sent(int target) {
        return outboxes.get(target).waiting().stream().map(n -> n.name() + " " + n.tenant() + (n.recovered() ? " " + n.event().word() : ""))
                .toList();
    }

    @Test
    void aBreakIsToldOnceAndItsRecoveryOnce() {
        notifier.passEnded(pass("shop", PassStatus.CONVERGED, "aaaa", ""));
        notifier.passEnded(pass("shop", PassStatus.FAILED, "bbbb", "web exited with code 3; rolled back to shop-web"));
        notifier.passEnded(pass("shop", PassStatus.HELD, "bbbb", "held"));
        notifier.passEnded(pass("shop", PassStatus.FAILED, "bbbb", "web exited with code 3; rolled back to shop-web"));
        notifier.passEnded(pass("shop", PassStatus.CONVERGED, "cccc", ""));
        notifier.passEnded(pass("shop", PassStatus.CONVERGED, "cccc", ""));
        assertThat(sent(0)).containsExactly("rolled-back shop", "recovered shop rolled-back");
        assertThat(outboxes.get(0).waiting().get(1).revision()).isEqualTo("cccc");
    }

    @Test
    void aFlappingTenantIsToldAtEachChangeOfStateAndAnotherKindOfBreakIsAChange() {
        notifier.passEnded(pass("shop", PassStatus.FAILED, "b", "rolled back to shop-web"));
        notifier.passEnded(pass("shop", PassStatus.CONVERGED, "c", ""));
        notifier.passEnded(pass("shop", PassStatus.FAILED, "d", "rolled back to shop-web"));
        notifier.passEnded(pass("shop", PassStatus.REFUSED, "e", "not signed"));
        notifier.passEnded(pass("shop", PassStatus.INVALID, "f", "components.yml: bad"));
        notifier.passEnded(pass("shop", PassStatus.UNAVAILABLE, "f", "engine down"));
        notifier.passEnded(pass("shop", PassStatus.DRIFTED, "f", "web stopped by hand"));
        assertThat(sent(0)).containsExactly("rolled-back shop", "recovered shop rolled-back", "rolled-back shop", "refused shop",
                "pass-failed shop", "drift shop");
    }

    @Test
    void tenantsAndEventsFilterWhatATargetGets() {
        notifier.passEnded(pass("blog", PassStatus.FAILED, "b", "step failed"));
        notifier.passEnded(pass("shop", PassStatus.REFUSED, "b", "not signed"));
        notifier.backupEnded(new BackupEvent("blog", "node-a", Duration.ofSeconds(3), 0, Optional.of("pg_dump failed"), NOW));
        notifier.backupEnded(new BackupEvent("blog", "node-a", Duration.ofSeconds(3), 42, Optional.empty(), NOW));
        notifier.stalled(Optional.of("the reconcile loop is not running"), NOW);
        assertThat(sent(0)).as("no lists: all but backup-succeeded").containsExactly("pass-failed blog", "refused shop",
                "backup-failed blog", "recovered blog backup-failed", "loop-stalled ");
        assertThat(sent(1)).as("tenants: [shop]; a node's own condition has no tenant").containsExactly("refused shop");
        assertThat(sent(2)).as("events: a recovery routed by what recovered").containsExactly("backup-failed blog",
                "recovered blog backup-failed", "backup-succeeded blog");
    }

    @Test
    void theWatchTellsCertificatesNodesAndTheLoopOncePerChange() {
        TenantCertificate soon = certificate(NOW.plus(Duration.ofDays(3)));
        TenantCertificate renewed = certificate(NOW.plus(Duration.ofDays(60)));
        for (int round = 0; round < 2; round++) {
            notifier.certificates(Map.of("shop", soon), NOW);
            notifier.downNodes(Set.of("node-b"), NOW);
            notifier.stalled(Optional.of("no round since " + round), NOW);
        }
        notifier.certificates(Map.of("shop", renewed), NOW);
        notifier.downNodes(Set.of(), NOW);
        notifier.downNodes(Set.of(), NOW);
        notifier.stalled(Optional.empty(), NOW);
        assertThat(sent(0)).containsExactly("certificate-expiring shop", "node-down ", "loop-stalled ",
                "recovered shop certificate-expiring", "recovered  node-down", "recovered  loop-stalled");
        assertThat(outboxes.get(0).waiting().get(1).node()).isEqualTo("node-b");
    }

    @Test
    void onlyTheNodeGivenTheDownNodesTellsOfThem() {
        java.util.concurrent.atomic.AtomicReference<Set<String>> down = new java.util.concurrent.atomic.AtomicReference<>(null);
        Watch watch = new Watch(notifier, new Watch.Sources(Map::of, down::get, now -> Optional.empty()), java.time.Clock.fixed(NOW,
                java.time.ZoneOffset.UTC), Duration.ofSeconds(30));
        watch.look();
        assertThat(sent(0)).as("a node that does not lead tells nothing of other nodes").isEmpty();
        down.set(Set.of("node-b"));
        watch.look();
        watch.look();
        assertThat(sent(0)).containsExactly("node-down ");
    }

    static TenantCertificate certificate(Instant notAfter) {
        return new TenantCertificate("acme", "", "", "", NOW.minus(Duration.ofDays(60)), notAfter, List.of("shop.example.com"), "ab12");
    }

    @Test
    void aFullQueueDropsItsOldest() {
        Outbox small = new Outbox(all, notice -> { }, 2, List.of());
        for (String tenant : List.of("a", "b", "c")) {
            small.offer(new Notice(Event.PASS_FAILED, false, tenant, "node-a", "", "FAILED", "", NOW));
        }
        assertThat(small.waiting()).extracting(Notice::tenant).containsExactly("b", "c");
    }

    @Test
    void theConfiguredNamesAreTheEventsThereAre() {
        assertThat(Event.names()).isEqualTo(io.mooring.config.NotificationsConfig.EVENTS);
        assertThat(Target.TYPES).isEqualTo(io.mooring.config.NotificationsConfig.TYPES);
    }
}
