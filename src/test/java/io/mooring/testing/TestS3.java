package io.mooring.testing;

import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server in the test's JVM (S3Proxy, objects in memory) with one bucket, and a plain SDK
 * client to look into it and tamper with it the way a test needs.
 */
public final class TestS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "mooring-test-access";
    public static final String SECRET_KEY = "mooring-test-secret-key";
    public static final String BUCKET = "backups";

    private final S3Proxy proxy;
    public final S3Client client;

    public TestS3() throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        client = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().build()).build();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The keys in the bucket under {@code prefix}, sorted. */
    public List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(o -> o.key()).sorted().toList();
    }

    /** Multipart uploads begun and neither completed nor aborted. */
    public int incompleteUploads() {
        return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size();
    }

    /** The inventory variables that point a tenant's backups at this bucket. */
    public String inventoryVars() {
        return "bucket_url: \"" + endpoint() + "\", bucket_name: " + BUCKET + ", bucket_access_key: " + ACCESS_KEY
                + ", bucket_secret_key: " + SECRET_KEY;
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
