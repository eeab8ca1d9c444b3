package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * The agent's {@code git:} block: how it reaches the config repository. Secrets are read from files,
 * never written in this configuration: a password or token for HTTPS, a private key for SSH (with the
 * known_hosts file that vouches for the server).
 */
public class GitConfig {
    /** The HTTPS user; with a token, hosts take any name (GitHub, GitLab: any; GitLab OAuth: oauth2). */
    @JsonProperty
    private String username;

    /** A file holding the HTTPS password or access token (readable by the agent only); the server chose its length. */
    @ReadableSecret(minLength = 1)
    @JsonProperty
    private String passwordFile;

    /** The SSH private key (no passphrase) for ssh:// or user@host: addresses. */
    @JsonProperty
    private String sshKey;

    /** The known_hosts file the SSH server's host key must be in; required with sshKey. */
    @JsonProperty
    private String knownHosts;

    /** Commits of history a fetch brings: 1 (the default) is enough for the agent; 0 brings all. */
    @Min(0)
    @Max(1_000_000)
    @JsonProperty
    private int depth = 1;

    /** Whether revisions must be signed, and by which keys. */
    @Valid
    @NotNull
    @JsonProperty
    private Signatures signatures = new Signatures();

    public String getUsername() {
        return username;
    }

    public String getPasswordFile() {
        return passwordFile;
    }

    public String getSshKey() {
        return sshKey;
    }

    public String getKnownHosts() {
        return knownHosts;
    }

    public int getDepth() {
        return depth;
    }

    public Signatures getSignatures() {
        return signatures;
    }

    /** The {@code git.signatures:} block: {@code policy: off|require}, per-tenant exceptions, the allowed keys. */
    public static class Signatures {
        static final String MODE = "(?i)off|require";

        @NotNull
        @Pattern(regexp = MODE, message = "must be off or require")
        @JsonProperty
        private String policy = "off";

        /** Per tenant, off or require, overriding the policy. */
        @NotNull
        @JsonProperty
        private Map<String, @Pattern(regexp = MODE, message = "must be off or require") String> tenants = Map.of();

        /** SSH keys allowed to sign, in git's allowed_signers format ("principal key-type key"). */
        @JsonProperty
        private String allowedSigners;

        /** OpenPGP public keys allowed to sign (armored or binary, as gpg --export writes them). */
        @JsonProperty
        private String openpgpKeys;

        public String getPolicy() {
            return policy;
        }

        public Map<String, String> getTenants() {
            return tenants;
        }

        public String getAllowedSigners() {
            return allowedSigners;
        }

        public String getOpenpgpKeys() {
            return openpgpKeys;
        }

        /** A policy that requires signatures but allows no key would refuse every revision: refused at load instead. */
        @JsonIgnore
        @ValidationMethod(message = "git.signatures requires signed commits but allows no key:"
                + " give git.signatures.allowedSigners (SSH) or git.signatures.openpgpKeys (OpenPGP)")
        public boolean isKeyGivenWhenRequired() {
            return !requiresAny() || allowedSigners != null || openpgpKeys != null;
        }

        private boolean requiresAny() {
            return "require".equalsIgnoreCase(policy) || tenants != null && tenants.values().stream().anyMatch("require"::equalsIgnoreCase);
        }
    }
}
