package io.mooring.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The configuration file of a test's agent: node {@code node} of {@code repo}, its HTTP ports on loopback (0: any free
 * one), logging warnings only, and {@code settings}, the test's own blocks. Unless those hold an {@code api:} block of
 * their own, the agent gets a token file beside the configuration, and {@link #token} is that token.
 */
record AgentFile(Path file, Optional<String> token) {

    static AgentFile write(Path file, String repo, String node, Path home, String settings, int port, int adminPort) throws IOException {
        boolean ownApi = settings.lines().anyMatch(line -> line.startsWith("api:"));
        Optional<String> token = ownApi ? Optional.empty() : Optional.of("test-" + UUID.randomUUID());
        if (token.isPresent()) {
            Path tokenFile = Files.writeString(file.resolveSibling("api-token"), token.get() + "\n");
            settings = settings + "api: {tokenFile: " + tokenFile + "}\n";
        }
        Files.writeString(file, "repo: " + repo + "\nnode: " + node + "\nhome: " + home + "\n" + settings + """
                server:
                  applicationConnectors: [{type: http, port: %d, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: %d, bindHost: 127.0.0.1}]
                logging:
                  level: WARN
                """.formatted(port, adminPort));
        return new AgentFile(file, token);
    }
}
