package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Guardrails;
import io.mooring.source.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant folders in the shapes the deploy tool's users have (src/test/resources/real, written from OMNILEADS.md,
 * no customer's data), each validated with the built-in definitions: which component runs on which host, with
 * which image. The invalid shapes real users write are under hostile/ (HostileInputTest).
 */
class RealInventoriesTest {
    private static final Path REAL = Path.of("src/test/resources/real");
    private static final String APP = "docker.io/omnileads/omlapp:241121.01";
    private static final String ASTERISK = "docker.io/omnileads/asterisk:240920.01";
    /**
     * Release 2.2.2's pins for what 2.x inventories do not name; the stateful components keep the built-in set's
     * earlier images until the inventory names one of their variables (a changed image could leave their data unreadable).
     */
    private static final Map<String, String> PINS = Map.ofEntries(
            Map.entry("postgresql", "docker.io/library/postgres:14"),
            Map.entry("redis", "docker.io/library/redis:7"),
            Map.entry("minio", "docker.io/minio/minio:latest"),
            Map.entry("websockets", "docker.io/omnileads/websockets:240705.01"),
            Map.entry("nginx", "docker.io/omnileads/nginx:241009.01"),
            Map.entry("kamailio", "docker.io/omnileads/kamailio:240625.01"),
            Map.entry("rtpengine", "docker.io/omnileads/rtpengine:240625.01"),
            Map.entry("rabbitmq", "docker.io/rabbitmq:3.12"),
            Map.entry("asterisk_retrieve_conf", "docker.io/omnileads/acd_retrieve_conf:240729.01"),
            Map.entry("interaction_processor", "docker.io/omnileads/interaction_processor:240506.01"),
            Map.entry("fastagi", "docker.io/omnileads/fastagi:241017.01"),
            Map.entry("ami", "docker.io/omnileads/astami:241017.01"));
    /** OMNILEADS.md 2.1: what a data, voice and app host of 2.2.2 runs (exporters, prometheus and add-ons aside). */
    private static final List<String> DATA = List.of("minio", "postgresql", "rabbitmq", "redis");
    private static final List<String> VOICE = List.of("asterisk", "asterisk_retrieve_conf", "interaction_processor", "rtpengine");
    private static final List<String> WEB = List.of("ami", "cron", "daphne", "django", "fastagi", "kamailio", "nginx", "websockets");
    /** The components that run the application image. */
    private static final List<String> APP_IMAGE = List.of("django", "daphne", "cron");

    static Validator.Result validate(Path folder) {
        Validator.Result result = Validator.tenant(new FileTree(folder), "acme", Guardrails.defaults());
        assertThat(result.problems()).as(folder.toString()).isEmpty();
        return result;
    }

    static Validator.Result validate(String shape) {
        return validate(REAL.resolve(shape));
    }

    /** Host → component → image reference. */
    private static Map<String, Map<String, String>> placement(Validator.Result result) {
        Map<String, Map<String, String>> hosts = new TreeMap<>();
        result.hosts().forEach((host, state) -> {
            Map<String, String> images = new TreeMap<>();
            state.containers().forEach(c -> images.put(c.component(), c.image().reference()));
            hosts.put(host, images);
        });
        return hosts;
    }

    /** The components with the 2.2.2 pins, the application and Asterisk images given. */
    private static Map<String, String> images(List<String> components, String app, String asterisk) {
        Map<String, String> images = new TreeMap<>();
        for (String component : components) {
            images.put(component, APP_IMAGE.contains(component) ? app : component.equals("asterisk") ? asterisk : PINS.get(component));
        }
        return images;
    }

    /** The components an explicit map leaves out: the application image's other two, and the pinned companions. */
    private static Map<String, String> complete(Map<String, String> named, String... pinned) {
        Map<String, String> images = new TreeMap<>(named);
        if (named.containsKey("django")) {
            APP_IMAGE.forEach(c -> images.put(c, named.get("django")));
        }
        for (String component : pinned) {
            images.putIfAbsent(component, PINS.get(component));
        }
        return images;
    }

    private static List<String> all() {
        return Stream.of(DATA, VOICE, WEB).flatMap(List::stream).toList();
    }

    static DesiredContainer container(Validator.Result result, String host, String component) {
        return result.hosts().get(host).containers().stream().filter(c -> c.component().equals(component)).findFirst().orElseThrow();
    }

    @Test
    void theCorpusHoldsEveryShape() throws IOException {
        try (Stream<Path> folders = Files.list(REAL)) {
            assertThat(folders.filter(Files::isDirectory).count()).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void perTenantThreeHostsWithMarkersAndHostvars() {
        Validator.Result result = validate("per-tenant-3host");
        assertThat(placement(result)).isEqualTo(Map.of(
                "omnileads_data", images(DATA, null, null),
                "omnileads_voice", images(VOICE, null, "docker.io/omnileads/asterisk:230508.01"),
                "omnileads_app", images(WEB, "docker.io/omnileads/omlapp:1.27.1", null)));
        // voice_host and application_host are {{ hostvars[...].omni_ip_lan }}, filled in per host.
        assertThat(container(result, "omnileads_app", "django").environment())
                .containsEntry("PGHOST", "192.0.2.21").containsEntry("ASTERISK_HOSTNAME", "192.0.2.22");
        assertThat(container(result, "omnileads_voice", "asterisk").environment()).containsEntry("OMNILEADS_HOSTNAME", "192.0.2.23");
    }

    @Test
    void aioOfTwoTwoTwoRunsDataVoiceAndAppButNoDialer() {
        assertThat(placement(validate("aio-2x"))).isEqualTo(Map.of("acme", images(all(), APP, ASTERISK)));
    }

    @Test
    void aioHostNamedAndMarkedAsSuch() {
        Map<String, String> expected = complete(Map.of(
                "django", "docker.io/omnileads/omlapp:1.29.0", "websockets", "docker.io/omnileads/websockets:230204.01",
                "nginx", "docker.io/omnileads/nginx:230215.01", "kamailio", "docker.io/omnileads/kamailio:230204.01",
                "asterisk", "docker.io/omnileads/asterisk:230204.01", "rtpengine", "docker.io/omnileads/rtpengine:230204.01"),
                "ami", "fastagi", "asterisk_retrieve_conf", "interaction_processor");
        DATA.forEach(c -> expected.put(c, PINS.get(c)));
        assertThat(placement(validate("aio-marker"))).isEqualTo(Map.of("omnileads_aio", expected));
    }

    @Test
    void twoXRoleGroupsWithNullMembersAndATenantGroupsVars() {
        Validator.Result result = validate("cluster-role-groups");
        assertThat(placement(result)).isEqualTo(Map.of(
                "initech_data", images(DATA, null, null),
                "initech_voice", images(VOICE, null, ASTERISK),
                "initech_app", images(WEB, APP, null)));
        // The tenant group's infra_env (lan) wins over all.vars' (cloud).
        assertThat(container(result, "initech_voice", "rtpengine").environment())
                .containsEntry("ENV", "lan").containsEntry("PUBLIC_IP", "192.0.2.22");
    }

    @Test
    void threeXPodGroupsWithTheirImageVariables() throws IOException {
        String ns = "docker.io/freetechsolutions/";
        assertThat(placement(validate("pods-3x"))).isEqualTo(Map.of(
                "hooli_data", complete(Map.of("postgresql", "docker.io/postgres:18-bookworm", "redis", ns + "redis:20250115-1a2b3c4",
                        "minio", "quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z"), "rabbitmq"),
                "hooli_edge", Map.of("kamailio", ns + "kamailio:20250418-5e6f7a8", "rtpengine", ns + "rtpengine:20250418-9b8c7d6"),
                // FASTAGI_IMG and the 2.x-only components are not named: release 2.2.2's pins.
                "hooli_node", complete(Map.of("django", ns + "omlapp:20250612-4f2a9c1", "websockets", ns + "websockets:20250301-a1b2c3d",
                        "nginx", ns + "nginx:20250521-77d0e3b", "asterisk", ns + "asterisk:20250610-0c9e8f7",
                        "dialer", ns + "dialer_worker:20250605-3d4e5f6"), "fastagi", "asterisk_retrieve_conf", "interaction_processor")));
        // Shell-style ${...} in an inventory value is kept as written.
        assertThat(TenantLoader.load(new FileTree(REAL.resolve("pods-3x")), "hooli").inventory().host("hooli_edge").orElseThrow()
                .vars()).containsEntry("rtpengine_rtp_addr", "internal/${RTPENGINE_HOSTNAME};external/${PUBLIC_IP}");
    }

    @Test
    void emptyRoleGroupsPlaceNothingAndTheHostNamesDo() {
        assertThat(placement(validate("empty-role-groups"))).isEqualTo(Map.of(
                "omnileads-app", images(Stream.concat(DATA.stream(), WEB.stream()).toList(), "docker.io/omnileads/omlapp:latest", null),
                "omnileads-voice", images(VOICE, null, "docker.io/omnileads/asterisk:latest")));
    }

    @Test
    void nullAndEmptyValuesAreValuesThatNothingHereNeeds() {
        Validator.Result result = validate("nulls");
        assertThat(placement(result)).isEqualTo(Map.of("acme", images(all(), APP, ASTERISK)));
        assertThat(container(result, "acme", "django").environment()).containsEntry("TZ", "UTC");
    }

    @Test
    void duplicateKeysWarnWithBothLinesAndTheLastWins() {
        Validator.Result result = validate("duplicate-keys");
        assertThat(placement(result)).isEqualTo(Map.of("acme", images(all(), APP, ASTERISK)));
        assertThat(container(result, "acme", "django").environment())
                .containsEntry("PGPASSWORD", "change-me").containsEntry("PGHOST", "192.0.2.13");
        assertThat(result.warnings()).extracting(p -> p.location().line() + ": " + p.message()).containsExactly(
                "6: warning: duplicate key omni_ip_lan at lines 6 and 7; the one at line 7 wins, as in Ansible (remove the other)",
                "10: warning: duplicate key postgres_password at lines 10 and 11; the one at line 11 wins, as in Ansible (remove the other)",
                "12: warning: duplicate key omnileads_img at lines 12 and 13; the one at line 13 wins, as in Ansible (remove the other)",
                "11: warning: variable postgres_password holds a secret in plain text, which Git keeps forever: move it to"
                        + " secrets.yml.age (`mooring secrets edit secrets.yml.age`, or `mooring import --recipients` for a"
                        + " deploy-tool inventory) and remove it here");
    }

    @Test
    void natHostAdvertisesItsNatAddress() {
        Validator.Result result = validate("nat");
        assertThat(placement(result)).isEqualTo(Map.of("globex", images(all(), APP, ASTERISK)));
        assertThat(container(result, "globex", "rtpengine").environment())
                .containsEntry("ENV", "nat").containsEntry("PUBLIC_IP", "203.0.113.11");
    }

    @Test
    void oneXTagsUnderTheirNamespaceWithTheEnterpriseEdition() {
        String ns = "docker.io/freetechsolutions/";
        assertThat(placement(validate("images-1x-tags"))).isEqualTo(Map.of(
                "omnileads_data", complete(Map.of("postgresql", ns + "postgres:11.19", "redis", ns + "redis:221012.01",
                        "minio", PINS.get("minio")), "rabbitmq"),
                "omnileads_voice", complete(Map.of("asterisk", ns + "asterisk:221104.01", "rtpengine", ns + "rtpengine:220830.01"),
                        "asterisk_retrieve_conf", "interaction_processor"),
                "omnileads_app", complete(Map.of("django", ns + "omlapp:1.26.0-enterprise", "websockets", ns + "websockets:221115.01",
                        "nginx", ns + "nginx:221012.01", "kamailio", ns + "kamailio:221012.01",
                        "fastagi", ns + "fastagi:221104.01"), "ami")));
    }

    @Test
    void oneThirtyThreeFullReferencesPerComponent() {
        String ns = "docker.io/omnileads/";
        Map<String, String> named = new TreeMap<>(Map.of(
                "postgresql", PINS.get("postgresql"), "minio", PINS.get("minio"), "redis", ns + "redis:230921.01",
                "django", ns + "omlapp:1.33.3", "websockets", ns + "websockets:230821.01", "nginx", ns + "nginx:231002.01",
                "kamailio", ns + "kamailio:230926.01", "asterisk", ns + "asterisk:231016.01", "rtpengine", ns + "rtpengine:230926.01"));
        named.putAll(Map.of("fastagi", ns + "fastagi:231016.01", "ami", ns + "astami:231016.01"));
        assertThat(placement(validate("images-133-full"))).isEqualTo(Map.of("omnileads_aio",
                complete(named, "rabbitmq", "asterisk_retrieve_conf", "interaction_processor")));
    }

    @Test
    void twoXEnterpriseAppImageInRoleGroupsThatCarryVars() {
        Validator.Result result = validate("images-2x-enterprise");
        assertThat(placement(result)).isEqualTo(Map.of(
                "umbra-data", images(DATA, null, null),
                "umbra-voice", images(VOICE, null, ASTERISK),
                "umbra-app", images(WEB, APP + "-enterprise", null)));
        assertThat(container(result, "umbra-app", "django").environment()).containsEntry("ASTERISK_HOSTNAME", "192.0.2.92");
    }

    @Test
    void managedDatabaseAndBucketReplaceTheLocalOnes() {
        Validator.Result result = validate("managed-services");
        List<String> local = all().stream().filter(c -> !c.equals("postgresql") && !c.equals("minio")).toList();
        assertThat(placement(result)).isEqualTo(Map.of("globex", images(local, APP, ASTERISK)));
        assertThat(container(result, "globex", "django").environment()).containsEntry("PGHOST", "192.0.2.50")
                .containsEntry("PGPORT", "25060").containsEntry("S3_ENDPOINT", "https://nyc3.digitaloceanspaces.com");
    }

    @Test
    void customCertificatesByFileName(@TempDir Path tmp) throws IOException {
        assertThat(placement(validate("custom-certs-by-name"))).isEqualTo(Map.of("acme", images(all(), APP, ASTERISK)));
        Path folder = REAL.resolve("custom-certs-by-name");
        for (String file : List.of("inventory.yml", "acme_example_net.crt")) {
            Files.copy(folder.resolve(file), tmp.resolve(file));
        }
        Validator.Result missing = Validator.tenant(new FileTree(tmp), "acme", Guardrails.defaults());
        assertThat(missing.problems()).extracting(Object::toString).containsExactly(
                "inventory.yml:12:20: key_file_name names acme_example_net.key, which is not in the tenant folder (nor acme_example_net.key.age)");
    }

    @Test
    void haPairRunsTheWholeStackOnBothNodes() {
        Map<String, String> aio = images(all(), APP, ASTERISK);
        assertThat(placement(validate("ha-pair"))).isEqualTo(Map.of("umbrella_aio_a", aio, "umbrella_aio_b", aio));
    }

    @Test
    void aHostWrittenInTwoPlacesHasBothPartsOfItsVars() {
        Validator.Result result = validate("host-in-two-places");
        assertThat(placement(result)).isEqualTo(Map.of(
                "stark_data", images(DATA, null, null),
                "stark_voice", images(VOICE, null, ASTERISK),
                "stark_app", images(WEB, APP, null)));
        assertThat(container(result, "stark_app", "django").environment()).containsEntry("PGHOST", "192.0.2.103");
    }

    @Test
    void everyShapeIsValid() throws IOException {
        Map<String, Integer> containers = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.list(REAL)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                containers.put(folder.getFileName().toString(), validate(folder).hosts().values().stream()
                        .mapToInt(s -> s.containers().size()).sum());
            }
        }
        assertThat(containers).allSatisfy((shape, count) -> assertThat(count).as(shape).isPositive());
    }
}
