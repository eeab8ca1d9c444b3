package io.mooring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mooring.source.GitCredentials;
import io.mooring.source.SignaturePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's {@code git:} block: how it reaches the config repository. Secrets are read from files,
 * never written in this configuration: a password or token for HTTPS, a private key for SSH (with the
 * known_hosts file that vouches for the server).
 */
public class GitConfig {
    /** The HTTPS user; with a token, hosts take any name (GitHub, GitLab: any; GitLab OAuth: oauth2). */
    @JsonProperty
    public String username;

    /** A file holding the HTTPS password or access token (readable by the agent only). */
    @JsonProperty
    public String passwordFile;

    /** The SSH private key (no passphrase) for ssh:// or user@host: addresses. */
    @JsonProperty
    public String sshKey;

    /** The known_hosts file the SSH server's host key must be in; required with sshKey. */
    @JsonProperty
    public String knownHosts;

    /** Commits of history a fetch brings: 1 (the default) is enough for the agent; 0 brings all. */
    @Min(0)
    @Max(1_000_000)
    @JsonProperty
    public int depth = 1;

    /** Whether revisions must be signed, and by which keys. */
    @Valid
    @NotNull
    @JsonProperty
    public Signatures signatures = new Signatures();

    /** The {@code git.signatures:} block: {@code policy: off|require}, per-tenant exceptions, the allowed keys. */
    public static class Signatures {
        @NotNull
        @Pattern(regexp = "(?i)off|require", message = "must be off or require")
        @JsonProperty
        public String policy = "off";

        /** Per tenant, off or require, overriding the policy. */
        @NotNull
        @JsonProperty
        public Map<String, @Pattern(regexp = "(?i)off|require", message = "must be off or require") String> tenants = Map.of();

        /** SSH keys allowed to sign, in git's allowed_signers format ("principal key-type key"). */
        @JsonProperty
        public String allowedSigners;

        /** OpenPGP public keys allowed to sign (armored or binary, as gpg --export writes them). */
        @JsonProperty
        public String openpgpKeys;

        public SignaturePolicy toPolicy() {
            Map<String, SignaturePolicy.Mode> perTenant = new TreeMap<>();
            tenants.forEach((tenant, mode) -> perTenant.put(tenant, mode(mode)));
            SignaturePolicy result = new SignaturePolicy(mode(policy), perTenant, allowedSigners == null ? null : Path.of(allowedSigners),
                    openpgpKeys == null ? null : Path.of(openpgpKeys));
            if (result.requiresAny() && allowedSigners == null && openpgpKeys == null) {
                throw new IllegalStateException("git.signatures requires signed commits but allows no key:"
                        + " give git.signatures.allowedSigners (SSH) or git.signatures.openpgpKeys (OpenPGP)");
            }
            return result;
        }

        private static SignaturePolicy.Mode mode(String text) {
            return SignaturePolicy.Mode.valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public GitCredentials credentials() {
        return GitCredentials.fromFiles(username, passwordFile, sshKey, knownHosts);
    }
}
