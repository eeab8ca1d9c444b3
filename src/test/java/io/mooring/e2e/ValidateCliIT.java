package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.MooringCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mooring validate} as a user and a CI job run it: the jar, its exit codes and its one-line errors. */
class ValidateCliIT {
    private static final Path HOSTILE = Path.of("src/test/resources/hostile");

    @Test
    void theTemplateIsValid() throws Exception {
        MooringCli.Result result = MooringCli.run("validate", "instances-template/");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("omnileads-voice: rtpengine, asterisk_retrieve_conf, asterisk, interaction_processor");
        // Its example passwords are plaintext, which validate warns about (and says how to encrypt); nothing else.
        assertThat(result.stderr().lines()).allSatisfy(line -> assertThat(line).contains(": warning: variable ")
                .contains("holds a secret in plain text"));
    }

    /**
     * Every hostile folder in one run of the jar, as a CI job validating many tenants would: exit 1, each
     * folder's problem at its expected file and line, one line a problem and no stack trace. (Each folder
     * is also validated on its own, in process, by HostileInputTest.)
     */
    @Test
    void everyHostileFolderIsRefusedWithFileAndLine() throws Exception {
        List<Path> folders;
        try (Stream<Path> list = Files.list(HOSTILE)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).hasSizeGreaterThanOrEqualTo(40);
        List<String> args = new java.util.ArrayList<>(List.of("validate"));
        folders.forEach(f -> args.add(f.toString()));
        long start = System.nanoTime();
        MooringCli.Result result = MooringCli.run(args.toArray(String[]::new));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).as("one line a problem, no stack trace").doesNotContain("\tat ").doesNotContain("internal error");
        for (Path folder : folders) {
            String expected = Files.readString(folder.resolve("expected")).strip();
            String where = expected.contains(": ") ? expected.substring(0, expected.indexOf(": ")) : expected;
            where = where.endsWith(":") ? where : where + ":";
            assertThat(result.stderr()).as(folder.toString()).contains(folder + "/" + where);
        }
        System.out.printf("validate: %d hostile folders refused in one run of the jar in %d ms%n", folders.size(), millis);
    }

    @Test
    void aSingleHostileFolderIsRefusedOnItsOwn() throws Exception {
        MooringCli.Result result = MooringCli.run("validate", HOSTILE.resolve("alias-bomb").toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("alias-bomb/inventory.yml:8:").contains("refused as a possible alias bomb");
    }

    /** The YAML that once ended the command (and the agent's loop) with a StackOverflowError, and the bomb within 20 aliases. */
    @Test
    void recursiveAliasesAndAFanOutBombAreEachRefusedAtTheirLineAndColumn() throws Exception {
        for (String folder : List.of("recursive-alias-inventory", "recursive-alias-components", "fan-out-bomb", "merge-key-of-a-list")) {
            long start = System.nanoTime();
            MooringCli.Result result = MooringCli.run("validate", HOSTILE.resolve(folder).toString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stderr()).as(folder).containsPattern(folder + "/(inventory|components)\\.yml:\\d+:\\d+: ")
                    .doesNotContain("internal error").doesNotContain("\tat ");
            System.out.printf("validate %s: exit 1 in %d ms (the jar's start included)%n", folder, millis);
        }
    }

    @Test
    void aRepositoryIsInvalidAsAWholeWhenOneTenantIsBad(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("instances/good"));
        Files.createDirectories(repo.resolve("instances/bad"));
        Files.copy(Path.of("instances-template/inventory.yml"), repo.resolve("instances/good/inventory.yml"));
        Files.writeString(repo.resolve("instances/bad/inventory.yml"),
                Files.readString(Path.of("instances-template/inventory.yml")).replace("asterisk_version: latest", "asterisk_version: \"ff63617b;reboot\""));
        MooringCli.Result result = MooringCli.run("validate", repo.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).contains("(tenant good): valid");
        assertThat(result.stderr()).containsPattern("instances/bad/inventory.yml:\\d+:\\d+: asterisk_version 'ff63617b;reboot' is not an image tag");
    }

    /** The real shapes validate; a key written twice is a warning on stderr, at its line, and not a failure. */
    @Test
    void theDeployToolsShapesAreValidAndADuplicateKeyOnlyWarns() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("validate"));
        try (Stream<Path> list = Files.list(Path.of("src/test/resources/real"))) {
            list.filter(Files::isDirectory).sorted().forEach(f -> args.add(f.toString()));
        }
        MooringCli.Result result = MooringCli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("hooli_edge: rtpengine, kamailio")
                .contains("omnileads_voice: rtpengine, asterisk_retrieve_conf, asterisk, interaction_processor");
        assertThat(result.stderr()).contains("src/test/resources/real/duplicate-keys/inventory.yml:6:7: warning: duplicate key omni_ip_lan"
                + " at lines 6 and 7; the one at line 7 wins");
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path empty) throws IOException, InterruptedException {
        assertThat(MooringCli.run("validate").exitCode()).isEqualTo(2);
        MooringCli.Result result = MooringCli.run("validate", empty.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("is neither a tenant folder (no inventory.yml) nor a config repository (no instances/)");
    }
}
