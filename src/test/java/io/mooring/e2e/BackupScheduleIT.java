package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.wiring.Wiring;
import io.mooring.backup.Backups;
import io.mooring.backup.LocalDirectoryTarget;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.Guardrails;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.BackupScheduler;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.TenantBackups;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's backups: an upgrade of a tenant that asks for it waits for a backup (and does not happen when
 * the backup fails); a schedule backs the tenant up when its time comes, once.
 */
class BackupScheduleIT {
    private TenantFixture it;
    private Path data;
    private Path store;
    private GitSource source;
    private DockerEngine engine;
    private TenantBackups backups;
    private Guardrails guardrails;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        it = new TenantFixture(tmp);
        data = Files.createDirectories(tmp.resolve("host-data"));
        Files.writeString(data.resolve("custom.conf"), "custom\n");
        store = tmp.resolve("backups");
        source = Wiring.source(it.repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine("unix:///var/run/docker.sock");
        backups = new TenantBackups(Wiring::bucket, new TenantBackups.Options(store, "mooring", 5 << 20, true, true), Clock.systemUTC());
        guardrails = Guardrails.defaults().withBindMounts(List.of(tmp.toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        source.close();
        engine.close();
        it.close();
    }

    private void commit(String version, String schedule) throws Exception {
        it.repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        it.repo.write("components.yml", """
                x-mooring:
                  backup: {database: false, folders: [%s], before_upgrade: true%s}
                %s""".formatted(data, schedule.isEmpty() ? "" : ", schedule: \"" + schedule + "\"", it.webComponents()));
        it.repo.commit("web " + version);
    }

    private Reconciler reconciler() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:backups-" + it.tenant + ";DB_CLOSE_DELAY=-1");
        return new Reconciler(new Reconciler.Ports(source, engine, Wiring.store(h2), Optional.of(backups), Optional.empty()), "node-a", Clock.systemUTC(),
                new Reconciler.Settings(guardrails, Duration.ofSeconds(30), 4, 0, Duration.ZERO, SignaturePolicy.OFF));
    }

    private PassRecord pass() {
        return reconciler().reconcile(it.tenant, null, plan -> { }, Reconciler.Request.EXPLICIT);
    }

    private int listed() throws Exception {
        try (Backups local = new Backups(new LocalDirectoryTarget(store), "mooring", Clock.systemUTC())) {
            return local.list(it.tenant, "node-a").size();
        }
    }

    @Test
    void anUpgradeWaitsForTheBackupTheTenantAsksForAndDoesNotHappenWhenItFails() throws Exception {
        commit("1.0", "");
        assertThat(pass().status()).isEqualTo(PassStatus.CONVERGED);
        assertThat(listed()).as("a first deployment replaces nothing: no backup").isZero();

        commit("1.1", "");
        PassRecord upgrade = pass();
        assertThat(upgrade.status()).as(upgrade.message()).isEqualTo(PassStatus.CONVERGED);
        assertThat(upgrade.message()).containsPattern("backup \\d{8}T\\d{6}Z-[0-9a-f]{4} made before the upgrade");
        assertThat(listed()).isEqualTo(1);
        assertThat(it.page("/")).isEqualTo("web 1.1");

        String serving = it.docker.inspect(it.tenant + "-web").getId();
        Files.delete(data.resolve("custom.conf"));
        Files.delete(data);
        commit("2.0", "");
        PassRecord waits = pass();
        assertThat(waits.status()).isEqualTo(PassStatus.UNAVAILABLE);
        assertThat(waits.message()).contains("the backup tenant " + it.tenant + " asks for before an upgrade failed")
                .contains("is not a folder on this host").contains("nothing was changed");
        assertThat(it.docker.inspect(it.tenant + "-web").getId()).isEqualTo(serving);
        assertThat(it.page("/")).isEqualTo("web 1.1");
    }

    @Test
    void aScheduleBacksTheTenantUpWhenItsTimeComesOnce() throws Exception {
        commit("1.0", "*/5 * * * *");
        Instant start = Instant.parse("2026-11-23T10:01:00Z");
        Reconciler reconciler = reconciler();
        assertThat(reconciler.reconcile(it.tenant, null, plan -> { }, Reconciler.Request.EXPLICIT).status()).isEqualTo(PassStatus.CONVERGED);
        BackupScheduler scheduler = new BackupScheduler(reconciler::accepted, "node-a", List.of(it.tenant), backups, guardrails,
                Clock.fixed(start, ZoneOffset.UTC));
        assertThat(scheduler.runDue(start.plusSeconds(60))).as("10:02: not yet").isEmpty();
        assertThat(scheduler.runDue(start.plusSeconds(240))).as("10:05").singleElement().asString().contains(it.tenant + ": backup ");
        assertThat(scheduler.runDue(start.plusSeconds(250))).as("10:05 again: done already").isEmpty();
        assertThat(listed()).isEqualTo(1);
    }
}
