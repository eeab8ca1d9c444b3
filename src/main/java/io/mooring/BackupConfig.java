package io.mooring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.mooring.reconcile.TenantBackups;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import io.mooring.backup.BucketSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's {@code backup:} block: where backups go when a tenant's inventory names no bucket, the key
 * prefix, the part size of uploads (which bounds their memory), and how S3-compatible stores are addressed.
 * What and when each tenant backs up is in its own components.yml (x-mooring.backup).
 */
public class BackupConfig {
    /** Default: the backups folder under the agent's home. */
    @JsonProperty
    public String directory;

    @NotEmpty
    @JsonProperty
    public String prefix = TenantBackups.Options.DEFAULT_PREFIX;

    @NotNull
    @JsonProperty
    public DataSize partSize = DataSize.bytes(BucketSettings.DEFAULT_PART_SIZE);

    /** http://host/bucket/key addressing, which most S3-compatible stores want; false for virtual-host style. */
    @JsonProperty
    public boolean pathStyle = true;

    /** Send checksums only when the API requires them: many S3-compatible stores refuse the newer trailing ones. */
    @JsonProperty
    public boolean checksumsWhenRequired = true;

    /** The agent's own bucket, for tenants whose inventory names none (instead of the folder). */
    @JsonProperty
    public Bucket bucket;

    /** A bucket: its endpoint (empty for AWS), name, region, access key, and a file holding the secret key. */
    public static class Bucket {
        @JsonProperty
        public String endpoint = "";

        @NotEmpty
        @JsonProperty
        public String name;

        @NotEmpty
        @JsonProperty
        public String region = "us-east-1";

        @NotEmpty
        @JsonProperty
        public String accessKey;

        @NotEmpty
        @JsonProperty
        public String secretKeyFile;
    }

    public TenantBackups.Options options(Path home) {
        long part = partSize.toBytes();
        if (part < BucketSettings.MIN_PART_SIZE || part > BucketSettings.MAX_PART_SIZE) {
            throw new IllegalStateException("backup.partSize must be from 5MiB to 1GiB (three parts are in memory at once); not " + partSize);
        }
        Optional<BucketSettings> own = bucket == null ? Optional.empty() : Optional.of(new BucketSettings(bucket.endpoint, bucket.name,
                bucket.region, bucket.accessKey, SecretFile.read("backup.bucket.secretKeyFile", bucket.secretKeyFile).orElseThrow(),
                pathStyle, checksumsWhenRequired, (int) part));
        return new TenantBackups.Options(directory == null ? home.resolve("backups") : Path.of(directory), prefix, (int) part, pathStyle,
                checksumsWhenRequired, own);
    }
}
