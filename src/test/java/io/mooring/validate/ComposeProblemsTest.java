package io.mooring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ConfigTree;
import io.mooring.model.Guardrails;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A wrong Compose value is refused where it is written, saying what is wrong, once the inventory's values are filled in. */
class ComposeProblemsTest {
    private static final String INVENTORY = "all:\n  hosts:\n    node-1: {ansible_host: 10.0.0.1}\n  vars: {memory: lots, port: \"70000\"}\n";
    private static final String HEAD = "services:\n  web:\n    image: demo/web:1\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("    mem_limit: ${memory}\n", "components.yml:4:16: services.web.mem_limit: 'lots' is not a size"),
                Arguments.of("    shm_size: 2t\n", "components.yml:4:15: services.web.shm_size: '2t' is not a size"),
                Arguments.of("    cpus: 0\n", "components.yml:4:11: services.web.cpus: '0' is not a number of CPUs"),
                Arguments.of("    pids_limit: many\n", "components.yml:4:17: services.web.pids_limit: 'many' is not a whole number"),
                Arguments.of("    stop_grace_period: 2 days\n", "components.yml:4:24: services.web.stop_grace_period '2 days' does not match"),
                Arguments.of("    init: maybe\n", "components.yml:4:11: services.web.init: 'maybe' is not true or false"),
                Arguments.of("    hostname: \"web server\"\n", "components.yml:4:15: services.web.hostname: 'web server' is not valid here"),
                Arguments.of("    working_dir: app\n", "components.yml:4:18: services.web.working_dir: 'app' is not valid here"),
                Arguments.of("    pull_policy: build\n", "components.yml:4:18: services.web.pull_policy: 'build' is not one of always"),
                Arguments.of("    logging: {driver: my-plugin}\n", "components.yml:4:23: services.web.logging.driver: 'my-plugin' is not one of"),
                Arguments.of("    logging: {driver: gelf, options: {gelf-address: \"udp://10.0.0.9:12201\"}}\n",
                        "components.yml:4:23: services.web.logging.driver: 'gelf' is not one of json-file, local, journald, none"),
                Arguments.of("    logging: {options: {syslog-address: \"tcp://127.0.0.1:25\"}}\n",
                        "components.yml:4:41: services.web.logging.options.syslog-address is not an option of the json-file"),
                Arguments.of("    security_opt: [\"label:type:spc_t\"]\n",
                        "components.yml:4:19: services.web: security_opt label:type:spc_t may lift the container's confinement"),
                Arguments.of("    security_opt: [\"apparmor=unconfined\"]\n",
                        "components.yml:4:19: services.web: security_opt apparmor=unconfined lifts the container's confinement"),
                Arguments.of("    dns: [dns.example]\n", "components.yml:4:11: services.web.dns: 'dns.example' is not valid here"),
                Arguments.of("    expose: [http]\n", "components.yml:4:14: services.web.expose: 'http' is not valid here"),
                Arguments.of("    tmpfs: [\"/run:size=big\"]\n", "components.yml:4:13: services.web.tmpfs: '/run:size=big' is not a tmpfs"),
                Arguments.of("    ulimits: {nofile: {soft: 4096, hard: 1024}}\n",
                        "components.yml:4:23: services.web.ulimits.nofile: the soft limit is above the hard one"),
                Arguments.of("    ulimits: {nofile: {soft: 4096}}\n", "components.yml:4:23: services.web.ulimits.nofile needs both soft and hard"),
                Arguments.of("    ports: [\"8000-8010:80-81\"]\n", "components.yml:4:13: the host range and the container range"),
                Arguments.of("    ports: [\"1-20000:1-20000/udp\"]\n", "components.yml:4:13: '1-20000:1-20000/udp': a port range runs upwards and holds at most 16384"),
                Arguments.of("    ports: [{target: \"${port}\"}]\n", "components.yml:4:13: container port 70000 is outside 1-65535"),
                Arguments.of("    ports: [{published: 80}]\n", "components.yml:4:13: services.web.ports: a port written as a mapping needs target"),
                Arguments.of("    volumes: [{type: npipe, target: /x}]\n", "components.yml:4:22: services.web.volumes.type 'npipe' is not supported"),
                Arguments.of("    volumes: [\"data:/data:rw,shared\"]\n", "components.yml:4:15: 'data:/data:rw,shared': mode must be ro or rw"),
                Arguments.of("    scale: 2\n", "components.yml:4:12: services.web.scale: 2 containers of one service are refused"),
                Arguments.of("    deploy: {restart_policy: {condition: any}}\n",
                        "components.yml:4:30: services.web.deploy.restart_policy is for Docker Swarm: set mooring_engine: swarm in the"
                                + " tenant's inventory to deploy the tenant as Swarm services, or remove it; on one host, write restart:"),
                Arguments.of("    deploy: {replicas: 3}\n", "components.yml:4:24: services.web.deploy.replicas: 3 containers of one service"
                        + " are refused on one host; set mooring_engine: swarm"),
                Arguments.of("    deploy: {placement: {constraints: [node.role==worker]}}\n",
                        "components.yml:4:25: services.web.deploy.placement is for Docker Swarm: set mooring_engine: swarm"),
                Arguments.of("    deploy: {mode: global}\n", "components.yml:4:20: services.web.deploy.mode 'global' is not supported yet"),
                Arguments.of("    deploy: {endpoint_mode: dnsrr}\n", "components.yml:4:29: services.web.deploy.endpoint_mode is not supported"),
                Arguments.of("    mem_limit: 1g\n    deploy: {resources: {limits: {memory: 2g}}}\n",
                        "components.yml:5:43: services.web.deploy.resources.limits.memory and mem_limit are both set"),
                Arguments.of("    networks: [front]\n", "components.yml:4:16: services.web.networks: no network front is declared"),
                Arguments.of("    networks: [default]\n    network_mode: host\n", "components.yml:4:15: services.web: networks and network_mode: host"),
                Arguments.of("    networks: {back: {ipv4_address: 10.9.0.5}}\nnetworks:\n  back: {ipam: {config: [{subnet: 172.30.0.0/24}]}}\n",
                        "components.yml:4:37: services.web.networks.back.ipv4_address 10.9.0.5: not an address of the subnet 172.30.0.0/24"),
                Arguments.of("networks:\n  back: {ipam: {config: [{subnet: 172.30.0.0/33}]}}\n",
                        "components.yml:5:35: networks.back.ipam.config.subnet '172.30.0.0/33' is not an IPv4 CIDR"),
                Arguments.of("networks: {a: {}, b: {}, c: {}, d: {}, e: {}, f: {}, g: {}, h: {}, i: {}}\n",
                        "components.yml:4:11: networks: at most 8 networks a tenant"),
                Arguments.of("networks:\n  default: {name: shared}\n", "components.yml:5:12: networks.default: the default network is the tenant's own"),
                Arguments.of("networks:\n  back: {labels: {io.mooring.tenant: other}}\n",
                        "components.yml:5:18: networks.back.labels: labels starting with io.mooring. are Mooring's own"),
                Arguments.of("    configs: [{source: conf, target: \"../etc/passwd\"}]\nconfigs:\n  conf: {content: x}\n",
                        "components.yml:4:15: services.web.configs: '/../etc/passwd' is not a path a file can be mounted at"),
                Arguments.of("    secrets: [pw]\nsecrets:\n  pw: {environment: DB_PASSWORD}\n",
                        "components.yml:6:21: secrets.pw.environment is not supported: Mooring reads secrets from files"),
                Arguments.of("    env_file: [{path: missing.env, required: false}]\n    environment: [\"A=${A:?}\"]\n",
                        "components.yml:5:19: ${A} is not set: it is required"),
                Arguments.of("    volumes: [{type: bind, source: /srv, target: /srv, bind: {propagation: rshared}}]\n",
                        "components.yml:4:76: services.web.volumes.bind.propagation: only private or rprivate"),
                Arguments.of("    volumes: [{type: tmpfs, target: /cache, tmpfs: {mode: 999}}]\n",
                        "components.yml:4:59: services.web.volumes.tmpfs.mode '999' is not an octal mode"),
                Arguments.of("    cap_drop: [NET_RAWW]\n", "components.yml:4:16: services.web.cap_drop: 'NET_RAWW' is not valid here"),
                Arguments.of("    env_file: bad.env\n", "bad.env:2:1: not NAME=value with an environment variable name (the line is not"
                        + " shown"),
                Arguments.of("    env_file: pasted.env\n", "pasted.env:2:1: not NAME=value with an environment variable name (the line is"
                        + " not shown"),
                Arguments.of("    env_file: secret.env\n", "secret.env:1:1: DB_PASSWORD: '$' must start $name or ${name}, or be written $$"
                        + " (the value is not shown"),
                Arguments.of("    links: [\"nowhere:db\"]\n", "components.yml:4:12: services.web.depends_on: no service named nowhere"),
                Arguments.of("    links: [\"db:bad alias\"]\n", "components.yml:4:13: services.web.links: 'db:bad alias' is not service or service:alias"),
                Arguments.of("    profiles: [\"debug mode\"]\n", "components.yml:4:16: services.web.profiles: 'debug mode' is not a profile name"),
                Arguments.of("    extends: {service: base, file: other.yml}\n", "components.yml:4:14: services.web.extends: no service base in other.yml"),
                Arguments.of("include: [loop.yml]\n", "loop.yml:1:11: include: loop.yml includes itself"),
                Arguments.of("    secrets: [pw, {source: pw, target: /run/secrets/pw}]\nsecrets:\n  pw: {file: big.bin}\n",
                        "components.yml:4:19: services.web.secrets: /run/secrets/pw is given twice"),
                Arguments.of("    env_file: [big.bin, big2.bin, big3.bin, big4.bin, big5.bin, big6.bin, big7.bin, big8.bin, big9.bin]\n",
                        "components.yml:4:95: services.web.env_file: the files components.yml names hold more than 8 MiB together"),
                Arguments.of("    container_name: acme-web\n    build: .\n", "components.yml:5:12: services.web.build: Mooring runs images"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void isRefusedWhereItIsWritten(String yaml, String expected) {
        String components = yaml.startsWith("    ") ? HEAD + yaml : yaml.startsWith("include") ? yaml + HEAD : HEAD + yaml;
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", INVENTORY.getBytes(StandardCharsets.UTF_8));
        files.put("components.yml", components.getBytes(StandardCharsets.UTF_8));
        files.put("bad.env", "GOOD=1\nNOT A NAME=2\n".getBytes(StandardCharsets.UTF_8));
        files.put("pasted.env", "GOOD=1\nhunter2 is the password\n".getBytes(StandardCharsets.UTF_8));
        files.put("secret.env", "DB_PASSWORD=hunter2$!\n".getBytes(StandardCharsets.UTF_8));
        files.put("other.yml", "services:\n  worker: {image: demo/worker:1}\n".getBytes(StandardCharsets.UTF_8));
        files.put("loop.yml", "include: [loop.yml]\n".getBytes(StandardCharsets.UTF_8));
        byte[] mebibyte = new byte[1 << 20];
        java.util.Arrays.fill(mebibyte, (byte) '#');
        files.put("big.bin", mebibyte);
        for (int i = 2; i <= 9; i++) {
            files.put("big" + i + ".bin", mebibyte);
        }
        Validator.Result result = Validator.tenant(new Files(files), "acme", Guardrails.defaults());
        List<String> problems = result.problems().stream().map(p -> Validator.format("", p)).toList();
        assertThat(problems).anyMatch(p -> p.startsWith(expected.substring(0, expected.indexOf(": ") + 2))
                && p.contains(expected.substring(expected.indexOf(": ") + 2)));
        assertThat(problems).noneMatch(p -> p.contains("hunter2"));
    }

    @org.junit.jupiter.api.Test
    void aRefusedDeclarationIsOneProblemNotOneMoreAtEachUse() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", INVENTORY.getBytes(StandardCharsets.UTF_8));
        files.put("components.yml", (HEAD + "    secrets: [pw]\n    networks: [proxy]\nsecrets:\n  pw: {external: true}\n"
                + "networks:\n  proxy: {external: true}\n").getBytes(StandardCharsets.UTF_8));
        List<String> problems = Validator.tenant(new Files(files), "acme", Guardrails.defaults()).problems().stream()
                .map(p -> Validator.format("", p)).toList();
        assertThat(problems).hasSize(2).allMatch(p -> p.contains(".external"));
    }

    /**
     * A named volume binding a host folder would be mounted by the engine following links a container planted in an
     * allowed bind mount ({@code ln -s / /d/root}): refused where it is declared, even inside the allowed folders.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{type: none, o: bind, device: /srv/mooring/acme/root}",
            "{type: none, o: \"ro,RBind\", device: /srv/mooring/acme/root}", "{o: \" bind \", device: /srv/mooring/acme/root}",
            "{type: None, device: /srv/mooring/acme/root}", "{type: tmpfs, o: bind, device: /srv/mooring/acme/root}"})
    void aNamedVolumeBindingAHostFolderIsRefusedAtItsDeclaration(String options) {
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", INVENTORY.getBytes(StandardCharsets.UTF_8));
        files.put("components.yml", (HEAD + "    volumes: [\"/srv/mooring/acme:/d\", \"h:/host\"]\nvolumes:\n  h:\n    driver_opts: "
                + options + "\n").getBytes(StandardCharsets.UTF_8));
        Guardrails allowed = new Guardrails(false, false, false, false, List.of("/srv/mooring/{tenant}"), Set.of(), Map.of(), Map.of(),
                List.of());
        List<String> problems = Validator.tenant(new Files(files), "acme", allowed).problems().stream()
                .map(p -> Validator.format("", p)).toList();
        assertThat(problems).anyMatch(p -> p.startsWith("components.yml:7:18: volumes.h.driver_opts: a named volume that binds a host"
                + " folder") && p.contains("write a bind mount under the service's volumes:"));
    }

    /** Each value within its bound, what one render fills in is bounded too: past 64 MiB, refused where it crosses it. */
    @org.junit.jupiter.api.Test
    void whatOneRenderFillsInIsBounded() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", ("all:\n  hosts:\n    node-1: {ansible_host: 10.0.0.1}\n  vars:\n    x: \"" + "y".repeat(1 << 16)
                + "\"\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder components = new StringBuilder(HEAD + "    environment:\n");
        for (int i = 0; i < 70; i++) {
            components.append("      V").append(i).append(": \"").append("${x}".repeat(16)).append("\"\n");
        }
        files.put("components.yml", components.toString().getBytes(StandardCharsets.UTF_8));
        List<String> problems = Validator.tenant(new Files(files), "acme", Guardrails.defaults()).problems().stream()
                .map(p -> Validator.format("", p)).toList();
        assertThat(problems).hasSize(1).allMatch(p -> p.startsWith("components.yml:")
                && p.contains("the tenant's values once filled in add up to more than 67108864 characters"));
    }

    /**
     * What the services hold once extends and env_file are filled in is bounded for the tenant, all its files together:
     * a large base extended by many services of two included files, or a large env file named by many services.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"extends", "env_file"})
    void whatTheServicesHoldIsBoundedForTheTenant(String how) {
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", INVENTORY.getBytes(StandardCharsets.UTF_8));
        files.put("big.env", ("BIG=" + "y".repeat(900_000) + "\n").getBytes(StandardCharsets.UTF_8));
        for (String part : List.of("a", "b")) {
            StringBuilder yaml = new StringBuilder("services:\n  base" + part + ":\n    image: demo/web:1\n    labels: {big: \""
                    + "y".repeat(900_000) + "\"}\n");
            for (int i = 0; i < 20; i++) {
                yaml.append("  ").append(part).append(i).append(how.equals("extends") ? ": {extends: base" + part + "}\n"
                        : ": {image: demo/web:1, env_file: big.env}\n");
            }
            files.put(part + ".yml", yaml.toString().getBytes(StandardCharsets.UTF_8));
        }
        files.put("components.yml", "include: [a.yml, b.yml]\n".getBytes(StandardCharsets.UTF_8));
        List<String> problems = Validator.tenant(new Files(files), "acme", Guardrails.defaults()).problems().stream()
                .map(p -> Validator.format("", p)).toList();
        assertThat(problems).hasSize(1).allMatch(p -> p.startsWith("b.yml:") && p.contains("the tenant's services hold more than"));
    }

    /** A Swarm tenant's components are checked as Swarm services too: what a service cannot carry is refused where written. */
    @org.junit.jupiter.api.Test
    void aSwarmTenantIsValidatedAsSwarmServices() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", INVENTORY.replace("vars: {", "vars: {mooring_engine: swarm, ").getBytes(StandardCharsets.UTF_8));
        files.put("components.yml", (HEAD + "    user: \"1000\"\n    deploy: {replicas: 3}\n").getBytes(StandardCharsets.UTF_8));
        List<String> problems = Validator.tenant(new Files(files), "acme", Guardrails.defaults()).problems().stream()
                .map(p -> Validator.format("", p)).toList();
        assertThat(problems).containsExactly("components.yml:4:11: services.web.user is not carried to a Swarm service by Mooring yet;"
                + " remove it, or run the tenant on single hosts (mooring_engine: docker)");
    }

    /** A repository of one tenant at its root, in memory. */
    private record Files(Map<String, byte[]> files) implements ConfigTree {
        public Optional<byte[]> read(String path) {
            return Optional.ofNullable(files.get(path));
        }

        public List<String> folders(String dir) {
            return List.of();
        }

        public boolean isFolder(String path) {
            return path.isEmpty();
        }

        public List<String> links(String dir) {
            return List.of();
        }
    }

}
