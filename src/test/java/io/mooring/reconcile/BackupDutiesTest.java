package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which scheduled backups a node takes: its own, and a managed database's dump as the cluster's leader when it may move. */
class BackupDutiesTest {
    @Test
    void aNodeWithoutTheSchedulesTenantTakesNothing() {
        assertThat(BackupDuties.of(false, true, true, true, true)).isEqualTo(BackupDuties.NONE);
    }

    @Test
    void aDumpThatCannotMoveStaysTheFirstHostsOwnBackupLeaderOrNot() {
        // Not managed, no election, the agent's own folder or bucket, or folders named: each host as before.
        assertThat(BackupDuties.of(true, true, true, false, false)).as("the first host, not leading: dump and folders, its own")
                .isEqualTo(new BackupDuties(true, false));
        assertThat(BackupDuties.of(true, true, true, false, true)).isEqualTo(new BackupDuties(true, false));
        assertThat(BackupDuties.of(true, true, false, false, true)).as("another host leading: its own folders, no dump")
                .isEqualTo(new BackupDuties(true, false));
        assertThat(BackupDuties.of(true, false, false, false, true)).as("a leader that is none of its hosts: nothing")
                .isEqualTo(BackupDuties.NONE);
    }

    @Test
    void aMovableDumpIsTheLeadersWhicheverNodeThatIs() {
        assertThat(BackupDuties.of(true, true, true, true, true)).as("the first host leading: the dump, once")
                .isEqualTo(new BackupDuties(false, true));
        assertThat(BackupDuties.of(true, true, true, true, false)).as("the first host not leading: the leader makes it")
                .isEqualTo(BackupDuties.NONE);
        assertThat(BackupDuties.of(true, true, false, true, true)).as("another host leading").isEqualTo(new BackupDuties(true, true));
        assertThat(BackupDuties.of(true, false, false, true, true)).as("a leader that is none of its hosts")
                .isEqualTo(new BackupDuties(false, true));
        assertThat(BackupDuties.of(true, false, false, true, false)).isEqualTo(BackupDuties.NONE);
    }

    @Test
    void aNodesOwnDatabaseBackupIsClaimedSlotBySlotOnlyInACluster() {
        assertThat(BackupDuties.claimsOwnSlots(true, true)).as("the leader may stand in for it: claimed").isTrue();
        assertThat(BackupDuties.claimsOwnSlots(true, false)).as("no database dumped here: nothing the leader makes").isFalse();
        assertThat(BackupDuties.claimsOwnSlots(false, true)).as("one node's own database (H2): as always").isFalse();
    }

    @Test
    void theLeaderStandsInOnlyForTheDatabaseOfANodeThatIsDown() {
        Optional<String> onB = Optional.of("node-b");
        assertThat(BackupDuties.standsIn(true, onB, "node-a", Set.of("node-b"), true)).as("node-b down, node-a leads").isTrue();
        assertThat(BackupDuties.standsIn(true, onB, "node-a", Set.of(), true)).as("node-b up: its own").isFalse();
        assertThat(BackupDuties.standsIn(true, onB, "node-a", Set.of("node-c"), true)).as("another node down").isFalse();
        assertThat(BackupDuties.standsIn(true, onB, "node-a", Set.of("node-b"), false)).as("not leading").isFalse();
        assertThat(BackupDuties.standsIn(false, onB, "node-a", Set.of("node-b"), true)).as("no schedule").isFalse();
        assertThat(BackupDuties.standsIn(true, Optional.empty(), "node-a", Set.of("node-b"), true))
                .as("a managed database (the leader's singleton already), or none backed up").isFalse();
        assertThat(BackupDuties.standsIn(true, onB, "node-b", Set.of("node-b"), true)).as("never for itself").isFalse();
    }
}
