package io.mooring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.shell.UnknownCommand;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH Git server on loopback for tests (Apache MINA sshd with JGit's UploadPack): one host key, one
 * user allowed with one public key, fetching only. Keys are made with the real {@code ssh-keygen}.
 */
public final class GitSshServer implements AutoCloseable {
    public static final String USER = "git";

    private final SshServer server;
    private final CloseableExecutorService pool;
    private final Path hostPublicKey;

    public GitSshServer(Repository repository, Path hostKey, Path allowedClientPublicKey) throws Exception {
        KeyPair host;
        try (InputStream in = Files.newInputStream(hostKey)) {
            host = SecurityUtils.loadKeyPairIdentities(null, null, in, null).iterator().next();
        }
        this.hostPublicKey = Path.of(hostKey + ".pub");
        PublicKey allowed = AuthorizedKeyEntry.readAuthorizedKeys(allowedClientPublicKey).get(0)
                .resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        pool = ThreadUtils.newFixedThreadPool("test-git-ssh", 2);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(session -> List.of(host));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(allowed, key));
        server.setShellFactory(null);
        server.setCommandFactory((channel, command) -> command.startsWith("git-upload-pack")
                ? new AbstractCommandSupport(command, ThreadUtils.noClose(pool)) {
                    @Override
                    public void run() {
                        try {
                            UploadPack upload = new UploadPack(repository);
                            String protocol = getEnvironment().getEnv().get("GIT_PROTOCOL");
                            if (protocol != null) {
                                upload.setExtraParameters(Arrays.asList(protocol.split(":")));
                            }
                            upload.upload(getInputStream(), getOutputStream(), getErrorStream());
                            onExit(0);
                        } catch (IOException e) {
                            onExit(-1, e.toString());
                        }
                    }
                }
                : new UnknownCommand(command));
        server.start();
    }

    public String url() {
        return "ssh://" + USER + "@127.0.0.1:" + server.getPort() + "/config.git";
    }

    /** The known_hosts line that vouches for this server's host key. */
    public String knownHostsLine() throws IOException {
        return "[127.0.0.1]:" + server.getPort() + " " + Files.readString(hostPublicKey).strip() + "\n";
    }

    /** A fresh ed25519 key pair made by ssh-keygen, without a passphrase: {@code file} and {@code file.pub}. */
    public static Path keyPair(Path file) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mooring-test", "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(keygen.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        pool.shutdownNow();
    }
}
