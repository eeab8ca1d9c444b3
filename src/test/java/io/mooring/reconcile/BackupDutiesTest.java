package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

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
}
