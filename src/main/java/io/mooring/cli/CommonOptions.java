package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import java.net.InetAddress;
import java.net.UnknownHostException;
import io.mooring.source.GitCredentials;
import io.mooring.source.SignaturePolicy;
import io.mooring.source.SourceException;
import java.nio.file.Path;
import java.util.Objects;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** The options every command spells the same way, and how commands report errors. */
final class CommonOptions {
    private CommonOptions() {
    }

    static void repo(Subparser parser) {
        parser.addArgument("--repo").required(true).help("the config repository: a path or a URL Git can clone");
    }

    /** How to reach a repository that asks for credentials; secrets come from files, never from the command line. */
    static void gitCredentials(Subparser parser) {
        parser.addArgument("--git-user").help("the HTTPS user of the config repository (hosts take any name with a token)");
        parser.addArgument("--git-password-file").help("a file holding the HTTPS password or access token");
        parser.addArgument("--ssh-key").help("the SSH private key for an ssh:// or user@host: address");
        parser.addArgument("--known-hosts").help("the known_hosts file the SSH server's host key must be in (required with --ssh-key)");
    }

    static GitCredentials gitCredentials(Namespace namespace) {
        try {
            return GitCredentials.fromFiles(namespace.getString("git_user"), namespace.getString("git_password_file"),
                    namespace.getString("ssh_key"), namespace.getString("known_hosts"));
        } catch (SourceException e) {
            throw new UserError("mooring: " + e.getMessage());
        }
    }

    /** The signed-commit policy of {@code apply}: off unless asked for, with the keys that may sign. */
    static void signatures(Subparser parser) {
        parser.addArgument("--require-signed").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
                .help("apply only a revision signed by a key of --allowed-signers or --openpgp-keys, as the agent's git.signatures does");
        parser.addArgument("--allowed-signers").help("SSH keys that may sign, in git's allowed_signers format");
        parser.addArgument("--openpgp-keys").help("OpenPGP public keys that may sign (armored or binary)");
    }

    static SignaturePolicy signatures(Namespace namespace) {
        if (!Boolean.TRUE.equals(namespace.getBoolean("require_signed"))) {
            return SignaturePolicy.OFF;
        }
        String ssh = namespace.getString("allowed_signers");
        String pgp = namespace.getString("openpgp_keys");
        if (ssh == null && pgp == null) {
            throw new UsageError("mooring: --require-signed needs --allowed-signers or --openpgp-keys: the keys that may sign");
        }
        return new SignaturePolicy(SignaturePolicy.Mode.REQUIRE, java.util.Map.of(), ssh == null ? null : Path.of(ssh),
                pgp == null ? null : Path.of(pgp));
    }

    static void node(Subparser parser) {
        parser.addArgument("--node").help("this host's name in the inventory (default: the machine's host name)");
    }

    static String node(Namespace namespace) {
        String node = namespace.getString("node");
        if (node != null) {
            return node;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new UserError("mooring: cannot tell this machine's host name; pass --node");
        }
    }

    static void home(Subparser parser) {
        parser.addArgument("--home").help("Mooring's folder for the repository mirror and state (default: $MOORING_HOME or ~/.mooring)");
    }

    static Path home(Namespace namespace) {
        String home = namespace.getString("home");
        if (home == null) {
            home = System.getenv("MOORING_HOME");
        }
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".mooring");
    }

    static void dockerHost(Subparser parser) {
        parser.addArgument("--docker-host")
                .setDefault(Objects.requireNonNullElse(System.getenv("DOCKER_HOST"), "unix:///var/run/docker.sock"))
                .help("the Docker engine's address (default: $DOCKER_HOST or unix:///var/run/docker.sock)");
    }

    /** A user error is one message, no stack trace; anything else is a defect worth its trace. */
    static void onError(Cli cli, Throwable e) {
        if (e instanceof UserError || e instanceof UsageError) {
            cli.getStdErr().println(e.getMessage());
        } else {
            cli.getStdErr().println("mooring: internal error: " + e);
            e.printStackTrace(cli.getStdErr());
        }
    }
}
