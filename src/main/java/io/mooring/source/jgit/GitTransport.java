package io.mooring.source.jgit;

import io.mooring.source.GitCredentials;
import io.mooring.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * What every Git command of one repository is given before it connects: the user and password (or token)
 * for HTTPS, or, for SSH, a session factory that offers only the configured key and accepts only the host
 * keys of the configured known_hosts file; neither the user's ~/.ssh nor an agent is ever consulted.
 */
final class GitTransport implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 30;
    /** A user name for hosts that take a token as the password and ignore the name. */
    private static final String TOKEN_USER = "mooring";

    private final CredentialsProvider credentials;
    private final SshdSessionFactory ssh;
    private final Path sshFolder;
    private final GitCredentials given;

    GitTransport(GitCredentials given) {
        this.given = given;
        this.credentials = given.hasPassword()
                ? new UsernamePasswordCredentialsProvider(given.username() == null || given.username().isBlank() ? TOKEN_USER : given.username(),
                given.password()) : null;
        if (given.sshKey() != null || given.knownHosts() != null) {
            if (given.sshKey() == null || given.knownHosts() == null) {
                throw new SourceException("SSH needs both a private key and a known_hosts file (git.sshKey and git.knownHosts):"
                        + " host keys are always checked");
            }
            requireReadable(given.sshKey(), "the SSH private key");
            requireReadable(given.knownHosts(), "the known_hosts file");
            try {
                sshFolder = Files.createTempDirectory("mooring-ssh");
                Path config = sshFolder.resolve("config");
                Files.writeString(config, "Host *\n  StrictHostKeyChecking yes\n  UpdateHostKeys no\n  BatchMode yes\n");
                ssh = new SshdSessionFactoryBuilder()
                        .setHomeDirectory(sshFolder.toFile())
                        .setSshDirectory(sshFolder.toFile())
                        .setConfigFile(dir -> config.toFile())
                        .setDefaultIdentities(dir -> List.of(given.sshKey().toAbsolutePath()))
                        .setDefaultKnownHostsFiles(dir -> List.of(given.knownHosts().toAbsolutePath()))
                        .setPreferredAuthentications("publickey")
                        .build(new JGitKeyCache());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            ssh = null;
            sshFolder = null;
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new SourceException(what + " " + file + " cannot be read");
        }
    }

    Path knownHosts() {
        return given.knownHosts();
    }

    Path sshKey() {
        return given.sshKey();
    }

    /** Gives a command the credentials, the SSH session factory and a timeout. */
    <C extends TransportCommand<C, ?>> C configure(C command) {
        return command.setTimeout(TIMEOUT_SECONDS).setTransportConfigCallback(this::configure);
    }

    void configure(Transport transport) {
        transport.setTimeout(TIMEOUT_SECONDS);
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        if (transport instanceof SshTransport sshTransport) {
            if (ssh == null) {
                throw new SourceException("an SSH address needs git.sshKey and git.knownHosts in the agent's configuration");
            }
            sshTransport.setSshSessionFactory(ssh);
        }
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
            try (var files = Files.walk(sshFolder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind holds no secret: only the generated ssh config
            }
        }
    }
}
