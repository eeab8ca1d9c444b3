package io.mooring.e2e;

import static io.mooring.testing.RoundRig.said;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.Guardrails;
import io.mooring.model.Labels;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.source.FileTree;
import io.mooring.source.GitSource;
import io.mooring.testing.Http;
import io.mooring.testing.RoundRig;
import io.mooring.testing.StandIns;
import io.mooring.testing.TestDocker;
import io.mooring.testing.TestRepo;
import io.mooring.validate.Validator;
import io.mooring.wiring.Wiring;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant folder of the deploy tool's 2.2.2 AIO shape (src/test/resources/real/aio-2x, its LAN address made one of
 * this machine's, nginx on a free port) applied by the agent's round on the real engine with the built-in definitions: every component the
 * tool runs, each from the image the tool pins, served by stand-ins under those very names (the test's image mapping,
 * pushed to the registry the engine mirrors docker.io from, and deleted from it at the end). Then an upgrade of the application, a release whose
 * migration fails, and the rollback an operator makes with {@code git revert}.
 */
class DeployToolShapeIT {
    private static final String APP = "docker.io/omnileads/omlapp:";
    /** The image mapping's one choice per component: where its stand-in listens when started with its image's own command. */
    private static final Map<String, String> DEFAULT_COMMAND_PORTS = Map.of(
            "websockets", "8000", "nginx", "443", "postgresql", "5432", "redis", "6379", "rabbitmq", "5672");
    private static final List<String> VOLUMES = List.of("pgdata", "redis", "minio", "rabbitmq", "django_static", "django_media",
            "django_callrec_zip", "asterisk_recordings", "asterisk_conf", "asterisk_sounds", "asterisk_custom");
    private final String tenant = "dt" + UUID.randomUUID().toString().substring(0, 6);
    /** The tenant's LAN address: one of this machine's, and no other test's. */
    private final String lan = "127.77." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    private final List<String> standIns = new ArrayList<>();
    private final TestDocker docker = new TestDocker();
    private TestRepo repo;
    private GitSource source;
    private DockerEngine engine;
    private Reconciler reconciler;
    private String inventory;
    private String lastCommit;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        StandIns.requireMirror();
        // Where the tool's nginx takes 443 on every address, this one takes a free port: other tests run beside it.
        inventory = Files.readString(Path.of("src/test/resources/real/aio-2x/inventory.yml")).replace("192.0.2.10", lan)
                .replace("      tenant_id: acme\n", "      tenant_id: acme\n      nginx_https_port: " + Http.freePort() + "\n");
        Path folder = Files.createDirectories(tmp.resolve("shape"));
        Files.writeString(folder.resolve("inventory.yml"), inventory);
        Validator.Result shape = Validator.tenant(new FileTree(folder), tenant, Guardrails.defaults());
        assertThat(shape.problems()).isEmpty();
        Map<String, String> images = new TreeMap<>();
        shape.hosts().get("acme").containers().forEach(c -> images.put(c.image().reference(), c.component()));
        for (var image : images.entrySet()) {
            standIn(image.getKey(), DEFAULT_COMMAND_PORTS.getOrDefault(image.getValue(), ""), false);
        }
        standIn(APP + "241206.01", "", false);
        standIn(APP + "241213.01", "", true);

        repo = new TestRepo(tmp.resolve("config"));
        source = Wiring.source(repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine("unix:///var/run/docker.sock");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:shape-" + tenant + ";DB_CLOSE_DELAY=-1");
        // The agent on the tenant's host, named as the inventory names it.
        reconciler = new Reconciler(new Reconciler.Ports(source, engine, Wiring.store(h2)), "acme", Clock.systemUTC(),
                Reconciler.Settings.defaults(Duration.ofSeconds(60)));
    }

    private void standIn(String reference, String ports, boolean failMigration) throws Exception {
        standIns.add(reference);
        StandIns.push(reference, ports, failMigration);
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.removeTenant(tenant, VOLUMES.stream().map(v -> tenant + "_" + v).toArray(String[]::new));
        for (String reference : standIns) {
            StandIns.remove(reference);
        }
        docker.close();
        source.close();
        engine.close();
        repo.close();
    }

    private PassRecord pass(String app, String message) throws Exception {
        repo.write("instances/" + tenant + "/inventory.yml", inventory.replace(APP + "241121.01", APP + app));
        lastCommit = repo.commit(message);
        return pass();
    }

    private PassRecord pass() {
        return RoundRig.round(reconciler).get(tenant);
    }

    /** The tenant's containers (not its jobs') by component, inspected. */
    private Map<String, InspectContainerResponse> components() {
        return docker.tenantContainers(tenant).stream().filter(c -> c.getLabels().getOrDefault(Labels.JOB, "").isEmpty())
                .collect(Collectors.toMap(c -> c.getLabels().get(Labels.COMPONENT), (Container c) -> docker.inspect(c.getId()), (a, b) -> a,
                        TreeMap::new));
    }

    private static Instant started(Map<String, InspectContainerResponse> containers, String component) {
        return Instant.parse(containers.get(component).getState().getStartedAt());
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private String migrations() throws Exception {
        return TestDocker.cli("exec", tenant + "-nginx", "cat", "/opt/omnileads/static/migrations");
    }

    @Test
    void theAioShapeRunsAsTheToolRunsItUpgradesAndRollsBackByRevert() throws Exception {
        PassRecord first = pass("241121.01", "acme: the deploy tool's folder, unchanged");
        assertThat(first.status()).as(said(first)).isEqualTo(PassStatus.CONVERGED);
        Map<String, InspectContainerResponse> running = components();
        assertThat(running).containsOnlyKeys("minio", "postgresql", "redis", "rabbitmq", "rtpengine", "asterisk_retrieve_conf",
                "asterisk", "interaction_processor", "fastagi", "kamailio", "ami", "websockets", "daphne", "django", "nginx", "cron");
        // Each from the image the tool pins, pinned to the digest the mirror served, on the host network only for SIP and RTP.
        assertThat(running.get("django").getConfig().getImage()).startsWith("docker.io/omnileads/omlapp@sha256:");
        assertThat(running.get("rabbitmq").getConfig().getImage()).startsWith("docker.io/rabbitmq@sha256:");
        assertThat(running.get("fastagi").getConfig().getImage()).startsWith("docker.io/omnileads/fastagi@sha256:");
        running.forEach((component, container) -> assertThat(container.getHostConfig().getNetworkMode()).as(component)
                .isEqualTo(List.of("asterisk", "kamailio", "rtpengine").contains(component) ? "host" : "mooring-" + tenant));
        // The tool's environment names, with the values it derives for an AIO host.
        assertThat(List.of(running.get("django").getConfig().getEnv())).contains("PGHOST=" + lan, "ASTERISK_HOSTNAME=" + lan,
                "CALLREC_DEVICE=s3-minio", "SESSION_COOKIE_AGE=3600", "WOMBAT_USER=demoadmin");
        assertThat(List.of(running.get("asterisk").getConfig().getEnv())).contains("ARQ=aio", "TENANT_ID=acme", "FASTAGI=" + lan,
                "UTC_LOGS=False", "HOMER_ENABLE=False");
        // Listening where the tool's components listen, on the tenant's LAN address.
        for (int port : List.of(5432, 6379, 5672, 9000, 9001, 8099, 8098, 8000, 4573)) {
            assertThat(answers(lan, port)).as("port " + port).isTrue();
        }
        // The tool's order: the database before the application, the migration before uWSGI, daphne before the workers.
        assertThat(started(running, "postgresql")).isBefore(started(running, "django"));
        assertThat(started(running, "django")).isBefore(started(running, "daphne"));
        assertThat(started(running, "daphne")).isBefore(started(running, "cron"));
        assertThat(started(running, "asterisk_retrieve_conf")).isBefore(started(running, "asterisk"));
        assertThat(started(running, "rabbitmq")).isBefore(started(running, "interaction_processor"));
        assertThat(migrations()).isEqualTo("241121.01");

        // An upgrade of the application: its three containers replaced after the migration, nothing else touched.
        PassRecord upgrade = pass("241206.01", "acme: omlapp 241206.01");
        assertThat(upgrade.status()).as(said(upgrade)).isEqualTo(PassStatus.CONVERGED);
        Map<String, InspectContainerResponse> upgraded = components();
        running.forEach((component, before) -> assertThat(upgraded.get(component).getId().equals(before.getId())).as(component)
                .isEqualTo(!List.of("django", "daphne", "cron").contains(component)));
        assertThat(migrations()).isEqualTo("241121.01\n241206.01");
        String upgradeCommit = lastCommit;

        // A release whose migration fails: the pass says so, and the application stays as it ran.
        PassRecord broken = pass("241213.01", "acme: omlapp 241213.01");
        assertThat(broken.status()).as(said(broken)).isEqualTo(PassStatus.FAILED);
        assertThat(said(broken)).contains("before hook migrate exited with code 1").contains("migration 0042 failed");
        Map<String, InspectContainerResponse> after = components();
        upgraded.forEach((component, before) -> assertThat(after.get(component).getId()).as(component).isEqualTo(before.getId()));
        assertThat(after.get("django").getState().getRunning()).isTrue();

        // The operator's rollback: revert the broken commit, then the upgrade; the application runs 241121.01 again.
        repo.revertHead();
        assertThat(pass().status()).isEqualTo(PassStatus.CONVERGED);
        repo.revert(upgradeCommit);
        PassRecord back = pass();
        assertThat(back.status()).as(said(back)).isEqualTo(PassStatus.CONVERGED);
        assertThat(List.of(components().get("django").getConfig().getEnv())).contains("STANDIN_VERSION=241121.01");
        assertThat(components().get("postgresql").getId()).isEqualTo(running.get("postgresql").getId());
    }
}
