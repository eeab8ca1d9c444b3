package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.BackupEvent;
import io.mooring.model.NodeReport;
import io.mooring.model.PassRecord;
import io.mooring.reconcile.LastBackups;
import io.mooring.reconcile.NodeReporter;
import io.mooring.reconcile.Reconciler;
import io.mooring.testing.RoundRig;
import io.mooring.testing.TestDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node reports of a tenant besides its last pass, as the status page shows it: since when its revision runs
 * (kept across passes of the same revision, new with a new one) and its last backup, as the agent told it.
 */
class NodeReportFieldsIT {
    private final String tenant = "report-" + UUID.randomUUID().toString().substring(0, 6);
    private final TestDocker docker = new TestDocker();
    private RoundRig rig;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        rig = new RoundRig(tmp, tenant);
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(tenant);
        docker.close();
        rig.close();
    }

    private void commit(String tag) throws Exception {
        rig.write(tenant, "services:\n  web:\n    image: " + TestDocker.REGISTRY + "/demo/web:" + tag + "\n" + RoundRig.PROBED);
        rig.repo.commit("web " + tag);
    }

    private static NodeReport.Tenant line(NodeReport report, String tenant) {
        return report.tenants().stream().filter(t -> t.tenant().equals(tenant)).findFirst().orElseThrow();
    }

    @Test
    void reportsSinceWhenTheRevisionRunsAndTheLastBackup() throws Exception {
        Reconciler reconciler = rig.reconciler();
        LastBackups backups = new LastBackups();
        NodeReporter reporter = new NodeReporter(new NodeReporter.Identity("node-a", "test", "a", Instant.now(), Duration.ofSeconds(10)),
                reconciler, rig.engine, backups);
        commit("1.0");
        PassRecord first = RoundRig.round(reconciler).get(tenant);
        NodeReport.Tenant reported = line(reporter.report(), tenant);
        assertThat(reported.status()).isEqualTo("CONVERGED");
        assertThat(reported.revisionSince()).isEqualTo(first.finished());
        assertThat(reported.lastBackup()).isNull();
        assertThat(reported.certificateExpires()).as("no certificate asked for").isNull();
        assertThat(reported.components()).extracting(NodeReport.Component::state).containsExactly("running");

        Instant at = Instant.now();
        backups.backupEnded(new BackupEvent(tenant, "node-a", Duration.ofSeconds(2), 4096, Optional.of("pg_dump: connection refused"), at));
        backups.backupEnded(new BackupEvent(tenant, "node-b", Duration.ofSeconds(2), 4096, Optional.empty(), at.plusSeconds(5)));
        rig.repo.write("README.md", "another tenant's change\n");
        rig.repo.commit("a change elsewhere");
        RoundRig.round(reconciler);
        reported = line(reporter.report(), tenant);
        assertThat(reported.lastBackup()).isEqualTo(at);
        assertThat(reported.backupError()).as("this node's backup, not the one kept under node-b").isEqualTo("pg_dump: connection refused");

        commit("1.1");
        PassRecord second = RoundRig.round(reconciler).get(tenant);
        reported = line(reporter.report(), tenant);
        assertThat(reported.revision()).isEqualTo(second.revision()).isNotEqualTo(first.revision());
        assertThat(reported.revisionSince()).as("a new revision runs since its pass").isEqualTo(second.finished());
    }
}
