package io.mooring.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredState;
import io.mooring.model.Revision;
import io.mooring.render.Renderer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A change of any Compose field is a planned replace whose reason names the field; the others are kept. */
class ComposeFieldChangeTest {
    private static final Revision REV = new Revision("0123456789abcdef0123456789abcdef01234567", "test");
    private static final String INVENTORY = "all:\n  hosts:\n    node-1: {ansible_host: 10.0.0.1}\n  vars: {}\n";
    private static final String TOP = """
            networks:
              back: {ipam: {config: [{subnet: 172.30.0.0/24}]}}
            secrets:
              pw: {file: pw.txt}
              other: {file: other.txt}
            configs:
              conf: {file: conf.txt}
            """;

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("hostname", "", "hostname: web1"),
                Arguments.of("domainname", "domainname: a.example", "domainname: b.example"),
                Arguments.of("user", "", "user: \"1000:1000\""),
                Arguments.of("working_dir", "working_dir: /app", "working_dir: /srv"),
                Arguments.of("entrypoint", "", "entrypoint: [/bin/sh, -c]"),
                Arguments.of("stop_signal", "", "stop_signal: SIGINT"),
                Arguments.of("stop_grace_period", "stop_grace_period: 10s", "stop_grace_period: 1m"),
                Arguments.of("init", "", "init: true"),
                Arguments.of("read_only", "read_only: false", "read_only: true"),
                Arguments.of("shm_size", "", "shm_size: 128m"),
                Arguments.of("mem_limit", "mem_limit: 256m", "deploy: {resources: {limits: {memory: 512m}}}"),
                Arguments.of("mem_reservation", "", "mem_reservation: 64m"),
                Arguments.of("cpus", "cpus: 0.5", "cpus: 1.5"),
                Arguments.of("pids_limit", "", "pids_limit: 100"),
                Arguments.of("dns", "", "dns: 10.0.0.2"),
                Arguments.of("dns_search", "", "dns_search: [corp.example]"),
                Arguments.of("expose", "expose: [80]", "expose: [80, 443]"),
                Arguments.of("cap_drop", "", "cap_drop: [ALL]"),
                Arguments.of("security_opt", "", "security_opt: [no-new-privileges]"),
                Arguments.of("tmpfs", "tmpfs: /run", "tmpfs: [/run, /tmp]"),
                Arguments.of("sysctls", "", "sysctls: {net.core.somaxconn: 1024}"),
                Arguments.of("ulimits", "ulimits: {nofile: 1024}", "ulimits: {nofile: {soft: 1024, hard: 2048}}"),
                Arguments.of("logging", "", "logging: {driver: local}"),
                Arguments.of("platform", "", "platform: linux/arm64"),
                Arguments.of("pull_policy", "", "pull_policy: always"),
                Arguments.of("tty", "", "tty: true"),
                Arguments.of("networks", "", "networks: [back]"),
                Arguments.of("networks", "networks: {back: {aliases: [a]}}", "networks: {back: {aliases: [b]}}"),
                Arguments.of("networks", "networks: {back: {}}", "networks: {back: {ipv4_address: 172.30.0.9}}"),
                Arguments.of("secrets", "secrets: [pw]", "secrets: [other]"),
                Arguments.of("secrets", "secrets: [pw]", "secrets: [{source: pw, target: db_password}]"),
                Arguments.of("configs", "", "configs: [{source: conf, target: /etc/app.conf, mode: 0440}]"),
                Arguments.of("healthcheck", "healthcheck: {test: [CMD, x]}", "healthcheck: {test: [CMD, x], start_interval: 1s}"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("fields")
    void aChangedFieldIsAReplaceNamingIt(String field, String before, String after) {
        Plan plan = RevisionDiff.diff(render(before, "pw"), render(after, "pw"));
        Action web = plan.actions().stream().filter(a -> a.component().equals("web")).findFirst().orElseThrow();
        assertThat(web).isInstanceOf(Action.Replace.class);
        assertThat(web.reason().toString()).contains(field);
        Action db = plan.actions().stream().filter(a -> a.component().equals("db")).findFirst().orElseThrow();
        assertThat(db).isInstanceOf(Action.Keep.class);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("fields")
    void anUnchangedFieldKeepsTheContainer(String field, String before, String after) {
        Plan plan = RevisionDiff.diff(render(after, "pw"), render(after, "pw"));
        assertThat(plan.actions()).allMatch(a -> a instanceof Action.Keep);
    }

    @org.junit.jupiter.api.Test
    void aSecretWhoseFileChangesIsAReplaceNamingTheSecretNotItsContent() {
        Plan plan = RevisionDiff.diff(render("secrets: [pw]", "old-password"), render("secrets: [pw]", "new-password"));
        Action web = plan.actions().stream().filter(a -> a.component().equals("web")).findFirst().orElseThrow();
        assertThat(web).isInstanceOf(Action.Replace.class);
        assertThat(web.reason().toString()).contains("secrets").doesNotContain("password");
    }

    @org.junit.jupiter.api.Test
    void aReadOnlyRootFileSystemTakesSecretsEachKeyedByContentModeAndOwner() {
        DesiredState desired = render("read_only: true\n    secrets: [pw, {source: pw, target: again, mode: 0400, uid: \"7\"}]", "pw");
        var files = desired.containers().stream().filter(c -> c.component().equals("web")).findFirst().orElseThrow().options().files();
        String sha = files.get(0).source().digest();
        assertThat(files).extracting(f -> f.key()).containsExactly(sha + "-0444-0-0", sha + "-0400-7-0");
    }

    private static DesiredState render(String option, String password) {
        String components = "services:\n  web:\n    image: demo/web:1\n" + (option.isEmpty() ? "" : "    " + option + "\n")
                + "  db:\n    image: demo/db:1\n" + TOP;
        Map<String, byte[]> files = new HashMap<>();
        files.put("inventory.yml", INVENTORY.getBytes(StandardCharsets.UTF_8));
        files.put("components.yml", components.getBytes(StandardCharsets.UTF_8));
        files.put("pw.txt", password.getBytes(StandardCharsets.UTF_8));
        files.put("other.txt", "other".getBytes(StandardCharsets.UTF_8));
        files.put("conf.txt", "key=value".getBytes(StandardCharsets.UTF_8));
        return Renderer.render(TenantLoader.load(new Files(files), "acme"), "node-1", REV);
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
