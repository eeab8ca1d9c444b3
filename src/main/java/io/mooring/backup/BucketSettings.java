package io.mooring.backup;

/**
 * An S3-compatible bucket: its endpoint (empty for AWS itself), name, region and keys, whether objects are
 * addressed by path (http://host/bucket/key, what most S3-compatible stores want) and whether checksums are
 * sent only when the API requires them (many S3-compatible stores refuse the newer trailing checksums), the
 * size of each uploaded part and how many part buffers an upload may use (all of them may be in flight at once),
 * which together bound the memory an upload takes. Never prints the secret key.
 */
public record BucketSettings(String endpoint, String bucket, String region, String accessKey, String secretKey, boolean pathStyle,
                             boolean checksumsWhenRequired, int partSizeBytes, int uploadConcurrency) {
    public static final int DEFAULT_PART_SIZE = 16 << 20;
    public static final int DEFAULT_CONCURRENCY = 3;

    public BucketSettings(String endpoint, String bucket, String region, String accessKey, String secretKey, boolean pathStyle,
                          boolean checksumsWhenRequired, int partSizeBytes) {
        this(endpoint, bucket, region, accessKey, secretKey, pathStyle, checksumsWhenRequired, partSizeBytes, DEFAULT_CONCURRENCY);
    }
    /** S3 refuses parts smaller than this, but for the last. */
    public static final int MIN_PART_SIZE = 5 << 20;
    /** Three parts of this are in memory at once. */
    public static final int MAX_PART_SIZE = 1 << 30;

    public BucketSettings {
        if (partSizeBytes < MIN_PART_SIZE || partSizeBytes > MAX_PART_SIZE) {
            throw new IllegalArgumentException("the part size must be from 5 MiB (the least S3 takes) to 1 GiB; not " + partSizeBytes + " bytes");
        }
        if (uploadConcurrency < 1 || uploadConcurrency > 64) {
            throw new IllegalArgumentException("the upload concurrency must be from 1 to 64");
        }
    }

    @Override
    public String toString() {
        return "bucket " + bucket + (endpoint.isEmpty() ? "" : " at " + endpoint) + " (region " + region + ", access key " + accessKey
                + ", secret key ****)";
    }
}
