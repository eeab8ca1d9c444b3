package io.mooring.wiring;

import io.mooring.backup.BucketSettings;
import io.mooring.config.BackupConfig;
import io.mooring.config.GitConfig;
import io.mooring.config.WebhooksConfig;
import io.mooring.source.GitCredentials;
import io.mooring.source.SignaturePolicy;
import io.mooring.source.WebhookVerifier;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent's configuration blocks translated into the values of the ports: {@code config} knows only the
 * file's shape, the ports only their own types. The blocks were validated when the file was loaded.
 */
public final class ConfigBlocks {
    private ConfigBlocks() {
    }

    public static SignaturePolicy signatures(GitConfig.Signatures block) {
        Map<String, SignaturePolicy.Mode> perTenant = new TreeMap<>();
        block.getTenants().forEach((tenant, mode) -> perTenant.put(tenant, mode(mode)));
        return new SignaturePolicy(mode(block.getPolicy()), perTenant, path(block.getAllowedSigners()), path(block.getOpenpgpKeys()));
    }

    public static GitCredentials gitCredentials(GitConfig git) {
        return GitCredentials.fromFiles(git.getUsername(), git.getPasswordFile(), git.getSshKey(), git.getKnownHosts());
    }

    /** The verifier for the configured secret; empty without one, and every delivery is refused. */
    public static Optional<WebhookVerifier> webhookVerifier(WebhooksConfig webhooks) {
        return webhooks.secret().map(WebhookVerifier::new);
    }

    /** The agent's own bucket, for tenants whose inventory names none. */
    static Optional<BucketSettings> bucket(BackupConfig backup) {
        BackupConfig.Bucket bucket = backup.getBucket();
        if (bucket == null) {
            return Optional.empty();
        }
        return Optional.of(new BucketSettings(bucket.getEndpoint(), bucket.getName(), bucket.getRegion(), bucket.getAccessKey(),
                bucket.secretKey(), backup.isPathStyle(), backup.isChecksumsWhenRequired(), (int) backup.getPartSize().toBytes()));
    }

    private static SignaturePolicy.Mode mode(String text) {
        return SignaturePolicy.Mode.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file);
    }
}
