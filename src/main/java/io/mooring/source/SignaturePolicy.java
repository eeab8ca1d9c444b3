package io.mooring.source;

import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a revision must be signed before it is applied, per repository with per-tenant exceptions, and
 * by whom: the SSH keys of an allowed_signers file (git's {@code gpg.ssh.allowedSignersFile} format) and
 * the OpenPGP public keys of a key file. Set on the agent, never by a commit.
 */
public record SignaturePolicy(Mode mode, Map<String, Mode> tenants, Path allowedSigners, Path openpgpKeys) {
    public enum Mode { OFF, REQUIRE }

    public static final SignaturePolicy OFF = new SignaturePolicy(Mode.OFF, Map.of(), null, null);

    public SignaturePolicy {
        tenants = Map.copyOf(tenants);
    }

    public boolean requires(String tenant) {
        return tenants.getOrDefault(tenant, mode) == Mode.REQUIRE;
    }

    public boolean requiresAny() {
        return mode == Mode.REQUIRE || tenants.containsValue(Mode.REQUIRE);
    }
}
