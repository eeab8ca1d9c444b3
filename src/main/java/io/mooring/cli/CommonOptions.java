package io.mooring.cli;

import io.mooring.source.GitCredentials;
import io.mooring.source.SignaturePolicy;
import java.nio.file.Path;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** The options every command spells the same way. */
final class CommonOptions {
    private CommonOptions() {
    }

    static void repo(Subparser parser, boolean required) {
        parser.addArgument("--repo").required(required).help("the config repository: a path or a URL Git can clone");
    }

    /** How to reach a repository that asks for credentials; secrets come from files, never from the command line. */
    static void gitCredentials(Subparser parser) {
        parser.addArgument("--git-user").help("the HTTPS user of the config repository (hosts take any name with a token)");
        parser.addArgument("--git-password-file").help("a file holding the HTTPS password or access token");
        parser.addArgument("--ssh-key").help("the SSH private key for an ssh:// or user@host: address");
        parser.addArgument("--known-hosts").help("the known_hosts file the SSH server's host key must be in (required with --ssh-key)");
    }

    static GitCredentials gitCredentials(Namespace namespace) {
        return GitCredentials.fromFiles(namespace.getString("git_user"), namespace.getString("git_password_file"),
                namespace.getString("ssh_key"), namespace.getString("known_hosts"));
    }

    /** The signed-commit policy of {@code apply}: off unless asked for, with the keys that may sign. */
    static void signatures(Subparser parser) {
        parser.addArgument("--require-signed").action(Arguments.storeTrue())
                .help("apply only a revision signed by a key of --allowed-signers or --openpgp-keys, as the agent's git.signatures does");
        parser.addArgument("--allowed-signers").help("SSH keys that may sign, in git's allowed_signers format");
        parser.addArgument("--openpgp-keys").help("OpenPGP public keys that may sign (armored or binary)");
    }

    static boolean requiresSigned(Namespace namespace) {
        return Boolean.TRUE.equals(namespace.getBoolean("require_signed"));
    }

    static SignaturePolicy signatures(Namespace namespace) {
        if (!requiresSigned(namespace)) {
            return SignaturePolicy.OFF;
        }
        String ssh = namespace.getString("allowed_signers");
        String pgp = namespace.getString("openpgp_keys");
        if (ssh == null && pgp == null) {
            throw new UsageError("mooring: --require-signed needs --allowed-signers or --openpgp-keys: the keys that may sign");
        }
        return new SignaturePolicy(SignaturePolicy.Mode.REQUIRE, Map.of(), ssh == null ? null : Path.of(ssh), pgp == null ? null : Path.of(pgp));
    }

    static void node(Subparser parser) {
        parser.addArgument("--node").help("this host's name in the inventory (default: the machine's host name)");
    }

    static void home(Subparser parser) {
        parser.addArgument("--home").help("Mooring's folder for the repository mirror and state (default: $MOORING_HOME or ~/.mooring)");
    }

    static void dockerHost(Subparser parser) {
        parser.addArgument("--docker-host").help("the Docker engine's address (default: $DOCKER_HOST or unix:///var/run/docker.sock)");
    }
}
