package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which scheduled backups a node takes: its own, and a managed database's only as the cluster's leader. */
class BackupDutiesTest {
    @Test
    void aNodeWithoutTheSchedulesTenantTakesNothing() {
        assertThat(BackupDuties.of(false, true, true, true, true, true)).isEqualTo(BackupDuties.NONE);
    }

    @Test
    void aTenantWhoseDatabaseIsNotManagedIsBackedUpByEachOfItsHostsAsBefore() {
        assertThat(BackupDuties.of(true, true, true, false, true, true)).isEqualTo(new BackupDuties(true, false));
        assertThat(BackupDuties.of(true, true, false, false, true, false)).isEqualTo(new BackupDuties(true, false));
    }

    @Test
    void aManagedDatabaseIsBackedUpByTheLeaderWhicheverHostThatIs() {
        assertThat(BackupDuties.of(true, true, false, true, true, true)).as("a leader that is not the first host: its folders and the dump")
                .isEqualTo(new BackupDuties(true, true));
        assertThat(BackupDuties.of(true, true, true, true, true, true)).as("the first host leading: one backup, dump and folders")
                .isEqualTo(new BackupDuties(false, true));
        assertThat(BackupDuties.of(true, true, true, true, true, false)).as("the first host not leading: no dump of its own")
                .isEqualTo(new BackupDuties(false, false));
        assertThat(BackupDuties.of(true, true, false, true, true, false)).as("another host: its folders only")
                .isEqualTo(new BackupDuties(true, false));
    }

    @Test
    void aLeaderThatIsNoneOfTheTenantsHostsTakesOnlyTheManagedDatabasesBackup() {
        assertThat(BackupDuties.of(true, false, false, true, true, true)).isEqualTo(new BackupDuties(false, true));
        assertThat(BackupDuties.of(true, false, false, true, true, false)).isEqualTo(BackupDuties.NONE);
        assertThat(BackupDuties.of(true, false, false, false, true, true)).as("a database on a host is that host's")
                .isEqualTo(BackupDuties.NONE);
        assertThat(BackupDuties.of(true, false, false, true, false, false)).as("no election: not this node's tenant")
                .isEqualTo(BackupDuties.NONE);
    }

    @Test
    void withoutAnElectionEveryHostTakesItsOwnAsItAlwaysDid() {
        assertThat(BackupDuties.of(true, true, true, true, false, false)).isEqualTo(new BackupDuties(true, false));
    }
}
