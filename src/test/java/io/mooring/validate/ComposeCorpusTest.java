package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ComposeResources;
import io.mooring.model.ContainerOptions;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Grant;
import io.mooring.model.Guardrails;
import io.mooring.model.PortMapping;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.VolumeMount;
import io.mooring.source.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Compose files in the style of well-known public stacks, pasted unchanged into a tenant folder (src/test/resources/compose):
 * each is validated as `mooring validate` does it, and the containers it renders are what Compose would run.
 */
class ComposeCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/compose");

    static Validator.Result validate(String stack, Guardrails guardrails) {
        return Validator.tenant(new FileTree(CORPUS.resolve(stack)), stack, guardrails);
    }

    static Map<String, DesiredContainer> containers(String stack, Guardrails guardrails) {
        Validator.Result result = validate(stack, guardrails);
        assertThat(result.problems()).as(stack).isEmpty();
        assertThat(result.hosts()).hasSize(1);
        DesiredState state = result.hosts().values().iterator().next();
        return state.containers().stream().collect(java.util.stream.Collectors.toMap(DesiredContainer::component, c -> c));
    }

    static Map<String, DesiredContainer> containers(String stack) {
        return containers(stack, Guardrails.defaults());
    }

    static ServiceDefinition definition(String stack, String service) {
        return validate(stack, Guardrails.defaults()).config().services().stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow();
    }

    static Guardrails granting(String tenant, Grant grant) {
        return new Guardrails(false, false, false, false, List.of(), Set.of(), Map.of(tenant, grant), Guardrails.VOICE_IMAGES, List.of());
    }

    private static List<String> problems(Validator.Result result) {
        return result.problems().stream().map(p -> Validator.format("", p)).toList();
    }

    @Test
    void theCorpusHoldsAtLeastTwelveStacks() throws IOException {
        try (var stacks = Files.list(CORPUS)) {
            assertThat(stacks.filter(Files::isDirectory).count()).isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void wordpressWithMysqlGetsItsPasswordsAsSecretFilesNotEnvironment() {
        Map<String, DesiredContainer> c = containers("wordpress");
        DesiredContainer db = c.get("db");
        assertThat(db.containerName()).isEqualTo("wordpress-db");
        assertThat(db.image().reference()).isEqualTo("mysql:8.0");
        assertThat(db.command()).containsExactly("--default-authentication-plugin=mysql_native_password");
        assertThat(db.restart()).isEqualTo("always");
        assertThat(db.environment()).containsEntry("MYSQL_PASSWORD_FILE", "/run/secrets/db_password").doesNotContainValue("wordpress-secret");
        assertThat(db.volumes()).containsExactly(new VolumeMount(VolumeMount.Kind.NAMED, "wordpress_db_data", "/var/lib/mysql", false));
        assertThat(db.options().list("expose")).containsExactly("3306", "33060");
        assertThat(db.options().files()).extracting(ContainerOptions.FileMount::target)
                .containsExactly("/run/secrets/db_root_password", "/run/secrets/db_password");
        assertThat(new String(db.options().files().get(1).source().content(), StandardCharsets.UTF_8)).isEqualTo("wordpress-secret\n");
        assertThat(db.options().files().get(1).mode()).isEqualTo(0444);
        assertThat(db.healthcheck().test()).containsExactly("CMD", "mysqladmin", "ping", "-h", "localhost");
        assertThat(db.healthcheck().startPeriod()).isEqualTo(Duration.ofSeconds(30));

        DesiredContainer wordpress = c.get("wordpress");
        assertThat(wordpress.image().reference()).isEqualTo("wordpress:6.5-apache");
        assertThat(wordpress.ports()).containsExactly(new PortMapping("", 18000, 80, "tcp"));
        assertThat(wordpress.dependsOn()).containsExactly("db");
        assertThat(definition("wordpress", "wordpress").options().conditions()).containsEntry("db", "service_healthy");
        assertThat(wordpress.options().files()).extracting(f -> f.name()).containsExactly("db_password");
        assertThat(wordpress.specFields()).containsKey("secrets");
        assertThat(wordpress.options().files().get(0).toString()).doesNotContain("wordpress-secret");
    }

    @Test
    void giteaWithPostgresqlOnItsOwnNetworkAndNamedVolumes() {
        Validator.Result refused = validate("gitea", Guardrails.defaults());
        assertThat(problems(refused)).anyMatch(p -> p.startsWith("components.yml:30:9: bind mount of /etc/timezone is outside"));

        Map<String, DesiredContainer> c = containers("gitea", granting("gitea",
                new Grant(false, false, Set.of(), List.of("/etc/timezone", "/etc/localtime"))));
        DesiredContainer server = c.get("server");
        assertThat(server.containerName()).isEqualTo("gitea-server");
        assertThat(server.environment()).containsEntry("GITEA__database__PASSWD", "gitea-secret").containsEntry("USER_UID", "1000");
        assertThat(server.ports()).extracting(PortMapping::toString).containsExactly("3000:3000/tcp", "222:22/tcp");
        assertThat(server.volumes()).extracting(VolumeMount::toString)
                .containsExactly("gitea_gitea:/data", "/etc/timezone:/etc/timezone:ro", "/etc/localtime:/etc/localtime:ro");
        assertThat(server.network()).isEqualTo("mooring-gitea-N-gitea");
        assertThat(c.get("db").volumes()).extracting(VolumeMount::source).containsExactly("gitea_gitea-postgres");
        assertThat(c.get("db").options().networks()).singleElement().satisfies(n -> {
            assertThat(n.key()).isEqualTo("gitea");
            assertThat(n.aliases()).as("links: [db:gitea-db]").containsExactly("gitea-db");
        });
        assertThat(validate("gitea", Guardrails.defaults()).hosts()).isEmpty();
    }

    @Test
    void nextcloudKeepsItsDatabaseAndCacheOnAnInternalNetwork() {
        Map<String, DesiredContainer> c = containers("nextcloud");
        assertThat(c.get("app").options().networks()).extracting(ContainerOptions.NetworkAttachment::network)
                .containsExactly("mooring-nextcloud-N-frontend", "mooring-nextcloud-N-backend");
        assertThat(c.get("db").options().networks()).extracting(ContainerOptions.NetworkAttachment::key).containsExactly("backend");
        assertThat(c.get("redis").options().networks().get(0).aliases()).containsExactly("cache");
        assertThat(c.get("cron").options().entrypoint()).containsExactly("/cron.sh");
        assertThat(c.get("db").command()).containsExactly("--transaction-isolation=READ-COMMITTED", "--log-bin=binlog", "--binlog-format=ROW");
        ComposeResources resources = validate("nextcloud", Guardrails.defaults()).config().resources();
        assertThat(resources.networks().get("backend").internal()).isTrue();
        assertThat(resources.networks().get("frontend").internal()).isFalse();
        assertThat(c.get("app").ports()).containsExactly(new PortMapping("", 8080, 80, "tcp"));
    }

    @Test
    void traefikReadsItsRoutesFromAConfigAndTheAppIsRoutedByLabels() {
        Map<String, DesiredContainer> c = containers("traefik");
        DesiredContainer traefik = c.get("traefik");
        assertThat(traefik.ports()).extracting(PortMapping::toString).containsExactly("80:80/tcp", "0.0.0.0:443:443/tcp");
        ContainerOptions.FileMount routes = traefik.options().files().get(0);
        assertThat(routes.secret()).isFalse();
        assertThat(routes.target()).isEqualTo("/etc/traefik/dynamic.yml");
        assertThat(new String(routes.source().content(), StandardCharsets.UTF_8)).contains("http://whoami:80");
        assertThat(traefik.options().list("security_opt")).containsExactly("no-new-privileges:true");
        assertThat(traefik.healthcheck().startInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(traefik.network()).isEqualTo("mooring-traefik-N-proxy");
        DesiredContainer whoami = c.get("whoami");
        assertThat(whoami.labels()).containsEntry("traefik.http.routers.whoami.rule", "Host(`whoami.example.org`)");
        assertThat(whoami.options().networks().get(0).aliases()).containsExactly("whoami.internal");
    }

    @Test
    void elasticsearchLogstashAndKibanaWithUlimitsMemoryAndHealthGatedDependencies() {
        assertThat(problems(validate("elk", Guardrails.defaults()))).anyMatch(p -> p.contains("services.elasticsearch: ulimits memlock"
                + " lets the container lock the host's memory, as the capability IPC_LOCK does; not granted to tenant elk"));
        Guardrails memlock = granting("elk", new Grant(false, false, Set.of("IPC_LOCK"), List.of()));
        Map<String, DesiredContainer> c = containers("elk", memlock);
        DesiredContainer es = c.get("elasticsearch");
        assertThat(es.image().reference()).isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:8.13.4");
        assertThat(es.environment()).containsEntry("discovery.type", "single-node").containsEntry("ELASTIC_PASSWORD", "elastic-secret")
                .containsEntry("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        assertThat(es.options().map("ulimits")).containsEntry("memlock", "-1:-1").containsEntry("nofile", "65536:65536");
        assertThat(es.options().numbers()).containsEntry("mem_limit", 1L << 30);
        assertThat(es.volumes()).extracting(VolumeMount::toString).containsExactly("elk_elasticsearch:/usr/share/elasticsearch/data");
        assertThat(es.healthcheck().test().get(1)).contains("elastic:${ELASTIC_PASSWORD}");
        assertThat(es.ports()).extracting(PortMapping::toString).containsExactly("127.0.0.1:9200:9200/tcp", "127.0.0.1:9300:9300/tcp");
        DesiredContainer logstash = c.get("logstash");
        assertThat(logstash.ports()).extracting(PortMapping::toString)
                .containsExactly("5044:5044/tcp", "50000:50000/tcp", "50000:50000/udp", "9600:9600/tcp");
        assertThat(logstash.options().files().get(0).target()).isEqualTo("/usr/share/logstash/pipeline/logstash.conf");
        assertThat(validate("elk", memlock).config().services().stream().filter(s -> s.name().equals("kibana")).findFirst().orElseThrow()
                .options().conditions()).containsEntry("elasticsearch", "service_healthy");
    }

    @Test
    void aMailServerReadsItsEnvFileAndSetsNamespacedSysctls() {
        Validator.Result refused = validate("mailserver", Guardrails.defaults());
        assertThat(problems(refused)).anyMatch(p -> p.startsWith("components.yml:22:7: services.mailserver: cap_add NET_ADMIN is not granted"));

        DesiredContainer mail = containers("mailserver", granting("mailserver", new Grant(false, false, Set.of("NET_ADMIN"), List.of())))
                .get("mailserver");
        assertThat(mail.environment()).containsEntry("LOG_LEVEL", "info").containsEntry("POSTMASTER_ADDRESS", "postmaster@example.com")
                .containsEntry("PERMIT_DOCKER", "none").containsEntry("SSL_TYPE", "letsencrypt").containsEntry("RELAY_PASSWORD", "pa$$word")
                .containsEntry("ONE_DIR", "1").containsEntry("OVERRIDE_HOSTNAME", "").containsEntry("ENABLE_FAIL2BAN", "1");
        assertThat(mail.options().text()).containsEntry("hostname", "mail").containsEntry("domainname", "example.com");
        assertThat(mail.options().map("sysctls")).containsEntry("net.ipv4.ip_forward", "0").containsEntry("net.ipv6.conf.all.disable_ipv6", "1");
        assertThat(mail.options().numbers()).containsEntry("stop_grace_period", 60L);
        assertThat(mail.healthcheck().test()).containsExactly("CMD-SHELL", "ss --listening --tcp | grep -P 'LISTEN.+:smtp' || exit 1");
        assertThat(mail.ports()).hasSize(5);
    }

    @Test
    void extensionFieldsMergedWithMergeKeysGiveEachServiceTheSharedSettings() {
        Map<String, DesiredContainer> c = containers("anchors");
        assertThat(c.get("sonarr").environment()).containsEntry("TZ", "UTC").containsEntry("PUID", "1000");
        assertThat(c.get("radarr").environment()).containsEntry("TZ", "Europe/Berlin").containsEntry("PGID", "1000");
        assertThat(c.get("sonarr").restart()).isEqualTo("unless-stopped");
        assertThat(c.get("prowlarr").restart()).isEqualTo("no");
        assertThat(c.get("sonarr").options().text()).containsEntry("logging.driver", "json-file");
        assertThat(c.get("radarr").options().map("logging.options")).containsEntry("max-size", "10m").containsEntry("max-file", "3");
    }

    @Test
    void fortyFiveAliasesAreAnOrdinaryFileNotAnAliasBomb() throws IOException {
        String text = Files.readString(CORPUS.resolve("monitoring/components.yml"));
        assertThat(text.chars().filter(ch -> ch == '*').count()).isGreaterThanOrEqualTo(40);
        Map<String, DesiredContainer> c = containers("monitoring");
        assertThat(c).hasSize(15);
        assertThat(c.values()).allSatisfy(container -> {
            assertThat(container.labels()).containsEntry("org.example.stack", "monitoring");
            assertThat(container.restart()).isEqualTo("unless-stopped");
            assertThat(container.options().map("logging.options")).containsEntry("max-size", "5m");
        });
        assertThat(c.get("karma").ports()).containsExactly(new PortMapping("127.0.0.1", 8180, 8080, "tcp"));
    }

    @Test
    void profilesChosenByTheInventoryDecideWhichServicesRunOnEachHost() {
        Validator.Result result = validate("profiles", Guardrails.defaults());
        assertThat(result.problems()).isEmpty();
        assertThat(result.hosts().get("staging").containers()).extracting(DesiredContainer::component)
                .containsExactlyInAnyOrder("app", "db", "adminer", "mailhog");
        assertThat(result.hosts().get("production").containers()).extracting(DesiredContainer::component)
                .containsExactlyInAnyOrder("app", "db");
        assertThat(definition("profiles", "app").options().optional()).containsExactly("mailhog");
    }

    @Test
    void extendsTakesTheBaseFromAnotherFileAndFromThisOne() {
        Map<String, DesiredContainer> c = containers("extends");
        DesiredContainer web = c.get("web");
        assertThat(web.image().reference()).isEqualTo("ghcr.io/example/worker:1.4.0");
        assertThat(web.environment()).containsEntry("LOG_LEVEL", "debug").containsEntry("QUEUE_URL", "redis://queue:6379/0");
        assertThat(web.command()).containsExactly("serve", "--port", "8000");
        assertThat(web.restart()).isEqualTo("on-failure");
        assertThat(web.options().map("ulimits")).containsEntry("nofile", "4096:4096");
        DesiredContainer reports = c.get("reports");
        assertThat(reports.command()).containsExactly("work", "--queue", "reports");
        assertThat(reports.labels()).containsEntry("org.example.role", "reports");
        assertThat(reports.environment()).containsEntry("LOG_LEVEL", "info");
        assertThat(reports.dependsOn()).containsExactly("queue");
    }

    @Test
    void aServiceToBuildIsRefusedSayingMooringRunsImagesFromRegistries() {
        assertThat(problems(validate("build-only", Guardrails.defaults()))).containsExactly("components.yml:5:7: services.web.build:"
                + " Mooring runs images from registries and builds none; build and push the image (in CI, say), then write image:"
                + " registry/name:tag instead of build:");
        assertThat(problems(validate("build-and-image", Guardrails.defaults())))
                .singleElement().asString().startsWith("components.yml:5:12: services.api.build: Mooring runs images from registries");
    }

    @Test
    void anIpamWrittenInTheLongSyntaxWithEveryRuntimeOption() {
        Map<String, DesiredContainer> c = containers("phpipam");
        DesiredContainer web = c.get("phpipam-web");
        assertThat(web.ports()).containsExactly(new PortMapping("127.0.0.1", 8081, 80, "tcp"));
        assertThat(web.volumes()).extracting(VolumeMount::toString).containsExactly("phpipam_phpipam-logo:/phpipam/css/images/logo");
        assertThat(web.options().map("tmpfs")).containsEntry("/tmp", "size=67108864");
        assertThat(web.options().text()).containsEntry("hostname", "ipam").containsEntry("stop_signal", "SIGQUIT")
                .containsEntry("pull_policy", "always").containsEntry("platform", "linux/amd64").containsEntry("logging.driver", "local");
        assertThat(web.options().list("dns")).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(web.options().list("dns_search")).containsExactly("corp.example");
        assertThat(web.options().list("cap_drop")).containsExactly("NET_RAW");
        assertThat(web.options().numbers()).containsEntry("nano_cpus", 500_000_000L).containsEntry("mem_limit", 256L << 20)
                .containsEntry("pids_limit", 200L).containsEntry("mem_reservation", 64L << 20).containsEntry("stop_grace_period", 20L);
        assertThat(web.extraHosts()).containsExactly("ldap.corp.example:10.0.0.20");
        DesiredContainer cron = c.get("phpipam-cron");
        assertThat(cron.options().entrypoint()).containsExactly("/sbin/tini", "--");
        assertThat(cron.command()).containsExactly("crond", "-f");
        assertThat(cron.options().flags()).containsEntry("init", true).containsEntry("read_only", true);
        assertThat(cron.options().text()).containsEntry("user", "1000:1000").containsEntry("working_dir", "/phpipam");
        assertThat(cron.options().map("tmpfs")).containsEntry("/run", "").containsEntry("/tmp", "size=16m,mode=1777");
        assertThat(cron.options().numbers()).containsEntry("shm_size", 64L << 20).containsEntry("nano_cpus", 250_000_000L)
                .containsEntry("mem_limit", 128L << 20);
        assertThat(cron.environment()).containsEntry("SCAN_INTERVAL", "1h").containsEntry("IPAM_DATABASE_PASS", "ipam-secret");
        DesiredContainer db = c.get("phpipam-mariadb");
        assertThat(db.network()).isEqualTo("mooring-phpipam");
        assertThat(db.options().networks().get(0).aliases()).containsExactly("phpipam-mariadb", "db");
        assertThat(db.options().map("ulimits")).containsEntry("nofile", "20000:40000");
    }

    @Test
    void anIncludedFileBringsItsServicesVolumesNetworksAndSecrets() {
        Map<String, DesiredContainer> c = containers("include");
        assertThat(c).containsOnlyKeys("web", "postgres", "redis");
        assertThat(c.get("web").options().networks()).extracting(ContainerOptions.NetworkAttachment::network)
                .containsExactly("mooring-include", "mooring-include-N-data");
        assertThat(c.get("postgres").volumes()).extracting(VolumeMount::source).containsExactly("include_pgdata");
        assertThat(new String(c.get("postgres").options().files().get(0).source().content(), StandardCharsets.UTF_8))
                .isEqualTo("tracker-secret");
        assertThat(c.get("postgres").options().files().get(0).source().path()).isEqualTo("database/postgres_password.txt");
    }
}
