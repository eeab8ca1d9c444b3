package io.mooring.cli;

import io.dropwizard.core.cli.Cli;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
