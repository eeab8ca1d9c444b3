package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.source.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds' inventories, exactly as the seeds write them, rendered with the built-in OMniLeads definitions. */
class SeedLayoutTest {
    private static final Path SEEDS = Path.of("src/test/resources/seeds");
    /** What a voice host and a web host of the seed layouts run. */
    private static final String[] VOICE = {"asterisk", "asterisk_retrieve_conf", "interaction_processor", "rtpengine"};
    private static final String[] WEB = {"ami", "cron", "daphne", "django", "fastagi", "minio", "nginx", "rabbitmq", "redis", "websockets"};

    private static Validator.Result validate(Path folder) {
        Validator.Result result = Validator.tenant(new FileTree(folder), "acme", Guardrails.defaults());
        assertThat(result.problems()).isEmpty();
        return result;
    }

    private static Map<String, List<String>> components(Validator.Result result) {
        return result.hosts().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().containers().stream().map(DesiredContainer::component).sorted().toList()));
    }

    private static DesiredContainer container(Validator.Result result, String host, String component) {
        DesiredState state = result.hosts().get(host);
        return state.containers().stream().filter(c -> c.component().equals(component)).findFirst().orElseThrow();
    }

    @Test
    void twoHostLayoutOfTheManualRunsTheAppAndTheVoiceHost() {
        Map<String, List<String>> hosts = components(validate(SEEDS.resolve("two-host")));
        assertThat(hosts).containsOnlyKeys("omnileads-app", "omnileads-voice");
        assertThat(hosts.get("omnileads-app"))
                .containsExactly("ami", "cron", "daphne", "django", "fastagi", "kamailio", "minio", "nginx", "postgresql", "rabbitmq",
                        "redis", "websockets");
        assertThat(hosts.get("omnileads-voice")).containsExactly(VOICE);
    }

    @Test
    void fiveHostLayoutPutsEachPartOnItsHost() {
        Validator.Result result = validate(SEEDS.resolve("five-host"));
        Map<String, List<String>> hosts = components(result);
        assertThat(hosts).containsOnlyKeys("omlapp", "kamailio", "asterisk", "database", "dialer");
        assertThat(hosts.get("omlapp")).containsExactly(WEB);
        assertThat(hosts.get("kamailio")).containsExactly("kamailio", "rtpengine");
        assertThat(hosts.get("asterisk")).containsExactly("asterisk", "asterisk_retrieve_conf", "interaction_processor");
        assertThat(hosts.get("database")).containsExactly("postgresql");
        assertThat(hosts.get("dialer")).containsExactly("dialer");
        // Components find each other at the address of the host that runs them.
        assertThat(container(result, "omlapp", "django").environment())
                .containsEntry("PGHOST", "10.10.10.14").containsEntry("KAMAILIO_HOSTNAME", "10.10.10.12")
                .containsEntry("ASTERISK_HOSTNAME", "10.10.10.13").containsEntry("S3_ENDPOINT_MINIO", "http://10.10.10.11:9000")
                .containsEntry("S3_ENDPOINT", "https://10.10.10.11").containsEntry("CALLREC_DEVICE", "s3-minio");
        // Per-component tags, as the seed's rollback section writes them.
        assertThat(container(result, "asterisk", "asterisk").image().reference()).isEqualTo("docker.io/omnileads/asterisk:ff63617b");
        assertThat(container(result, "kamailio", "rtpengine").image().tag()).isEqualTo("face6cfa");
    }

    @Test
    void seedZeroTwoHostLayoutPutsDatabaseAndDialerOnTheAppHost() {
        Map<String, List<String>> hosts = components(validate(SEEDS.resolve("two-host-omlvoip")));
        assertThat(hosts.get("omlvoip")).containsExactly("asterisk", "asterisk_retrieve_conf", "interaction_processor", "kamailio",
                "rtpengine");
        assertThat(hosts.get("omlapp")).containsExactly("ami", "cron", "daphne", "dialer", "django", "fastagi", "minio", "nginx",
                "postgresql", "rabbitmq", "redis", "websockets");
    }

    @Test
    void managedPostgresAndBucketReplaceTheLocalOnes() {
        Validator.Result result = validate(SEEDS.resolve("managed"));
        assertThat(components(result).get("omnileads-app"))
                .containsExactly("ami", "cron", "daphne", "django", "fastagi", "kamailio", "nginx", "rabbitmq", "redis", "websockets");
        assertThat(container(result, "omnileads-app", "django").environment())
                .containsEntry("PGHOST", "db.cloud.example.net").containsEntry("PGPORT", "25060")
                .containsEntry("PGDATABASE", "omnileads").containsEntry("PGUSER", "oml").containsEntry("PGPASSWORD", "s3cret")
                .containsEntry("PGSSL", "true").containsEntry("PGHA", "true").containsEntry("PGHOSTRO", "db-ro.cloud.example.net")
                .containsEntry("S3_ENDPOINT", "https://nyc3.digitaloceanspaces.com").containsEntry("S3_BUCKET_NAME", "acme-oml")
                .containsEntry("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE").containsEntry("AWS_SECRET_ACCESS_KEY", "secretkey")
                .containsEntry("S3_REGION_NAME", "nyc3");
        assertThat(container(result, "omnileads-voice", "asterisk").environment()).containsEntry("PGHOST", "db.cloud.example.net");
    }

    @Test
    void infraEnvChoosesTheAddressVoiceComponentsAdvertise() throws IOException {
        Validator.Result cloud = validate(SEEDS.resolve("two-host"));
        assertThat(container(cloud, "omnileads-voice", "rtpengine").environment())
                .containsEntry("PUBLIC_IP", "190.19.111.23").containsEntry("ENV", "cloud");
        Validator.Result lan = validate(SEEDS.resolve("five-host"));
        assertThat(container(lan, "kamailio", "rtpengine").environment())
                .containsEntry("PUBLIC_IP", "10.10.10.12").containsEntry("ENV", "lan");
        assertThat(container(lan, "kamailio", "rtpengine").access().hostNetwork()).isTrue();
    }

    @Test
    void theTemplateIsTheBuiltInSetAndRendersAsItIs() throws IOException {
        Path template = Path.of("instances-template");
        Map<String, List<String>> hosts = components(validate(template));
        assertThat(hosts.get("omnileads-voice")).containsExactly(VOICE);
        assertThat(Files.readString(template.resolve("components.yml")))
                .isEqualTo(new String(getClass().getResourceAsStream("/io/mooring/inventory/builtin/components.yml").readAllBytes()));
    }

    @Test
    void rolesVarsGroupsAndSingleHostInventoriesSayWhatRuns(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("inventory.yml"), """
                all:
                  vars: {django_version: "1", websockets_version: "1", nginx_version: "1", kamailio_version: "1",
                         asterisk_version: "1", rtpengine_version: "1", omni_ip_lan: 10.0.0.9}
                  hosts:
                    pbx-1: {roles: [voice]}
                  children:
                    frontends:
                      hosts: {web-1: {omni_ip_lan: 10.0.0.1}}
                      children:
                        web: {hosts: {web-2: {}}}
                    database:
                      hosts: {web-1: {}}
                    kamailio:
                      hosts: {pbx-1: {}, sip-1: {}}
                """);
        Map<String, List<String>> hosts = components(validate(tmp));
        assertThat(hosts.get("pbx-1")).containsExactly(VOICE);
        assertThat(hosts.get("sip-1")).containsExactly("kamailio");
        assertThat(hosts.get("web-1")).containsExactly("postgresql");
        assertThat(hosts.get("web-2")).containsExactly(WEB);

        Files.writeString(tmp.resolve("inventory.yml"), """
                all:
                  hosts: {aio: {omni_ip_lan: 10.0.0.5}}
                  vars: {django_version: "1", websockets_version: "1", nginx_version: "1", kamailio_version: "1",
                         asterisk_version: "1", rtpengine_version: "1"}
                """);
        // A single host runs all: the stack and the seed layouts' dialer.
        assertThat(components(validate(tmp)).get("aio")).hasSize(17);
    }
}
