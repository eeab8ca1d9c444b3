package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The agent's {@code backup:} block: where backups go when a tenant's inventory names no bucket, the key
 * prefix, the part size of uploads (which bounds their memory), and how S3-compatible stores are addressed.
 * What and when each tenant backs up is in its own components.yml (x-mooring.backup).
 */
public class BackupConfig {
    /** Default: the backups folder under the agent's home. */
    @JsonProperty
    private String directory;

    @NotEmpty
    @JsonProperty
    private String prefix = "mooring";

    /** S3 takes parts from 5 MiB; three parts are in memory at once, so 1 GiB is the most this agent takes. */
    @NotNull
    @MinDataSize(value = 5, unit = DataSizeUnit.MEBIBYTES)
    @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
    @JsonProperty
    private DataSize partSize = DataSize.mebibytes(16);

    /** http://host/bucket/key addressing, which most S3-compatible stores want; false for virtual-host style. */
    @JsonProperty
    private boolean pathStyle = true;

    /** Send checksums only when the API requires them: many S3-compatible stores refuse the newer trailing ones. */
    @JsonProperty
    private boolean checksumsWhenRequired = true;

    /** How long pg_dump (and pg_restore, createdb, dropdb) may run before it is killed: a lock can hold a dump forever. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration dumpTimeout = Duration.hours(6);

    /** How long one upload call to a bucket (a part, or a small object) may take, so that a stalled store fails the backup. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration uploadTimeout = Duration.minutes(30);

    /** The agent's own bucket, for tenants whose inventory names none (instead of the folder). */
    @Valid
    @JsonProperty
    private Bucket bucket;

    public String getDirectory() {
        return directory;
    }

    public String getPrefix() {
        return prefix;
    }

    public DataSize getPartSize() {
        return partSize;
    }

    public boolean isPathStyle() {
        return pathStyle;
    }

    public boolean isChecksumsWhenRequired() {
        return checksumsWhenRequired;
    }

    public Duration getDumpTimeout() {
        return dumpTimeout;
    }

    public Duration getUploadTimeout() {
        return uploadTimeout;
    }

    public Bucket getBucket() {
        return bucket;
    }

    /** A bucket: its endpoint (empty for AWS), name, region, access key, and a file holding the secret key. */
    public static class Bucket {
        @NotNull
        @JsonProperty
        private String endpoint = "";

        @NotEmpty
        @JsonProperty
        private String name;

        @NotEmpty
        @JsonProperty
        private String region = "us-east-1";

        @NotEmpty
        @JsonProperty
        private String accessKey;

        @NotEmpty
        @ReadableSecret
        @JsonProperty
        private String secretKeyFile;

        public String getEndpoint() {
            return endpoint;
        }

        public String getName() {
            return name;
        }

        public String getRegion() {
            return region;
        }

        public String getAccessKey() {
            return accessKey;
        }

        public String getSecretKeyFile() {
            return secretKeyFile;
        }

        /** The secret key, read at start. */
        public String secretKey() {
            return SecretFile.read("backup.bucket.secretKeyFile", secretKeyFile).orElseThrow();
        }

        @Override
        public String toString() {
            return "Bucket[" + endpoint + ", " + name + ", " + region + ", access key " + accessKey + ", secretKeyFile " + secretKeyFile + "]";
        }
    }
}
