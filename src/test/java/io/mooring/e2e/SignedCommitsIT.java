package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.wiring.Wiring;
import io.mooring.engine.docker.DockerEngine;
import io.mooring.model.Guardrails;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.reconcile.Reconciler;
import io.mooring.reconcile.Selection;
import io.mooring.source.GitSource;
import io.mooring.source.SignaturePolicy;
import io.mooring.state.StateStore;
import io.mooring.testing.GitSshServer;
import io.mooring.testing.TenantFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed-commit policy against commits signed by the real git CLI with ssh-keygen and gpg keys: a
 * commit signed by an allowed key is applied; an unsigned one, or one signed by a key the agent does not
 * allow, is refused and what runs stays.
 */
class SignedCommitsIT {
    private TenantFixture it;
    private Path tmp;
    private Path gnupg;
    private Path sshSigner;
    private Path sshStranger;
    private String pgpSigner;
    private String pgpStranger;
    private Path allowedSigners;
    private Path openpgpKeys;
    private GitSource source;
    private DockerEngine engine;
    private StateStore store;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        it = new TenantFixture(tmp);
        sshSigner = GitSshServer.keyPair(tmp.resolve("signer"));
        sshStranger = GitSshServer.keyPair(tmp.resolve("stranger"));
        allowedSigners = Files.writeString(tmp.resolve("allowed_signers"), "deploy@example.com "
                + Files.readString(Path.of(sshSigner + ".pub")).strip() + "\n");
        gnupg = Files.createDirectories(tmp.resolve("g"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        pgpSigner = gpgKey("Release Bot <release@example.com>");
        pgpStranger = gpgKey("Stranger <stranger@example.com>");
        openpgpKeys = tmp.resolve("release-keys.asc");
        Files.writeString(openpgpKeys, run(Map.of("GNUPGHOME", gnupg.toString()), "gpg", "--batch", "--armor", "--export", pgpSigner));
        it.repo.write("components.yml", it.webComponents());
        source = Wiring.source(it.repo.dir().toString(), tmp.resolve("home"));
        engine = new DockerEngine("unix:///var/run/docker.sock");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:signed-" + it.tenant + ";DB_CLOSE_DELAY=-1");
        store = Wiring.store(h2);
    }

    @AfterEach
    void tearDown() throws Exception {
        run(Map.of("GNUPGHOME", gnupg.toString()), "gpgconf", "--kill", "gpg-agent");
        source.close();
        engine.close();
        it.close();
    }

    private String gpgKey(String user) throws Exception {
        Map<String, String> env = Map.of("GNUPGHOME", gnupg.toString());
        run(env, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", user, "ed25519", "sign", "never");
        String listing = run(env, "gpg", "--batch", "--with-colons", "--list-keys", user);
        return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    /** Commits the working tree with the git CLI, signed as asked: "ssh", "ssh-stranger", "pgp", "pgp-stranger" or "none". */
    private String commit(String version, String signedBy) throws Exception {
        it.repo.write("inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version + "\"}\n");
        return commitAs(signedBy, "web " + version + " (" + signedBy + ")");
    }

    private String commitAs(String signedBy, String message) throws Exception {
        Map<String, String> env = Map.of("GNUPGHOME", gnupg.toString());
        String dir = it.repo.dir().toString();
        run(env, "git", "-C", dir, "add", "-A");
        List<String> commit = new ArrayList<>(List.of("git", "-C", dir, "-c", "user.name=Ops", "-c", "user.email=ops@example.com",
                "-c", "commit.gpgsign=false"));
        switch (signedBy) {
            case "ssh" -> commit.addAll(List.of("-c", "gpg.format=ssh", "-c", "user.signingkey=" + sshSigner, "commit", "-S"));
            case "ssh-stranger" -> commit.addAll(List.of("-c", "gpg.format=ssh", "-c", "user.signingkey=" + sshStranger, "commit", "-S"));
            case "pgp" -> commit.addAll(List.of("-c", "gpg.format=openpgp", "-c", "user.signingkey=" + pgpSigner, "commit", "-S"));
            case "pgp-stranger" -> commit.addAll(List.of("-c", "gpg.format=openpgp", "-c", "user.signingkey=" + pgpStranger, "commit", "-S"));
            default -> commit.add("commit");
        }
        commit.addAll(List.of("-q", "--allow-empty", "-m", message));
        run(env, commit.toArray(String[]::new));
        return run(env, "git", "-C", dir, "rev-parse", "HEAD").strip();
    }

    private PassRecord pass(SignaturePolicy policy) {
        Reconciler reconciler = new Reconciler(new Reconciler.Ports(source, engine, store), "node-a", Clock.systemUTC(),
                new Reconciler.Settings(Guardrails.defaults(), Duration.ofSeconds(30), 4, 0, Duration.ZERO, policy));
        return reconciler.reconcile(it.tenant, null, plan -> { }, Reconciler.Request.EXPLICIT);
    }

    private SignaturePolicy require() {
        return new SignaturePolicy(SignaturePolicy.Mode.REQUIRE, Map.of(), allowedSigners, openpgpKeys);
    }

    @Test
    void onlyCommitsSignedByAnAllowedKeyAreApplied() throws Exception {
        commit("1.0", "ssh");
        PassRecord ssh = pass(require());
        assertThat(ssh.status()).as(ssh.message()).isEqualTo(PassStatus.CONVERGED);
        assertThat(it.page("/")).isEqualTo("web 1.0");

        String unsigned = commit("1.1", "none");
        PassRecord refused = pass(require());
        assertThat(refused.status()).isEqualTo(PassStatus.REFUSED);
        assertThat(refused.message()).contains("revision " + unsigned.substring(0, 12) + " is refused: the commit is not signed")
                .contains("what runs stays as it is");
        assertThat(it.page("/")).isEqualTo("web 1.0");
        int recorded = store.recent(it.tenant, 100).size();
        pass(require());
        assertThat(store.recent(it.tenant, 100)).as("the same refusal is recorded once").hasSize(recorded);

        commit("1.1", "ssh-stranger");
        assertThat(pass(require()).message()).contains("is not signed by an SSH key that " + allowedSigners + " allows");
        assertThat(it.page("/")).isEqualTo("web 1.0");

        commit("2.0", "pgp");
        PassRecord pgp = pass(require());
        assertThat(pgp.status()).as(pgp.message()).isEqualTo(PassStatus.CONVERGED);
        assertThat(it.page("/")).isEqualTo("web 2.0");

        commit("1.1", "pgp-stranger");
        PassRecord stranger = pass(require());
        assertThat(stranger.status()).isEqualTo(PassStatus.REFUSED);
        assertThat(stranger.message()).contains("signed by an OpenPGP key that " + openpgpKeys + " does not hold");
        assertThat(it.page("/")).isEqualTo("web 2.0");

        // The tenant is exempted on this agent: its unsigned commits apply.
        commit("1.1", "none");
        SignaturePolicy exempt = new SignaturePolicy(SignaturePolicy.Mode.REQUIRE, Map.of(it.tenant, SignaturePolicy.Mode.OFF), allowedSigners,
                openpgpKeys);
        assertThat(pass(exempt).status()).isEqualTo(PassStatus.CONVERGED);
        assertThat(it.page("/")).isEqualTo("web 1.1");
    }

    /** {@code mooring apply --require-signed}: the same policy for an operator's own apply. */
    @Test
    void applyRequiresASignedRevisionWhenAsked() throws Exception {
        commit("1.0", "none");
        var refused = it.apply("--require-signed", "--allowed-signers", allowedSigners.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("is refused: the commit is not signed");
        assertThat(it.containers()).isEmpty();
        assertThat(it.apply("--require-signed").exitCode()).as("no key given").isEqualTo(2);

        commit("1.0", "ssh");
        var applied = it.apply("--require-signed", "--allowed-signers", allowedSigners.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(it.page("/")).isEqualTo("web 1.0");
    }

    private static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Test
    void anUnsignedCommitThatTakesTheTenantOffThisNodeIsRefusedAndItKeepsRunning() throws Exception {
        String inventory = "instances/" + it.tenant + "/inventory.yml";
        it.repo.write(inventory, "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"1.0\"}\n");
        String signed = commitAs("ssh", "the tenant on node-a");
        Reconciler agent = new Reconciler(new Reconciler.Ports(source, engine, store), "node-a", Clock.systemUTC(),
                new Reconciler.Settings(Guardrails.defaults(), Duration.ofSeconds(30), 4, 0, Duration.ZERO, require()));
        assertThat(agent.reconcileAll(Selection.all(null)).passes()).extracting(PassRecord::status)
                .containsExactly(PassStatus.CONVERGED);
        assertThat(it.page("/")).isEqualTo("web 1.0");

        it.repo.write(inventory, "all:\n  hosts:\n    node-b: {}\n  vars: {web_version: \"1.0\"}\n");
        String unsigned = commitAs("none", "the tenant moves to node-b, unsigned");
        List<PassRecord> passes = agent.reconcileAll(Selection.all(null)).passes();
        assertThat(passes).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PassStatus.REFUSED);
            assertThat(p.message()).contains("revision " + unsigned.substring(0, 12) + " is refused");
        });
        assertThat(it.page("/")).as("taking a tenant down needs a signed revision too").isEqualTo("web 1.0");
        assertThat(agent.accepted().get(it.tenant).checkout().revision().commit()).as("scheduled backups stay on the signed revision")
                .isEqualTo(signed);
    }
}
