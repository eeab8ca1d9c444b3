package io.mooring.backup.s3;

import io.mooring.backup.BucketSettings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The AWS SDK's S3 client for a bucket, set up for S3-compatible stores and for parts held in memory. */
final class S3Clients {
    private S3Clients() {
    }

    static S3Client client(BucketSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(settings.pathStyle())
                // each part is in memory with its length known: signed (or checksummed) in one pass and sent with a
                // Content-Length, instead of re-framed as aws-chunked, which costs more than the upload itself
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // streams each part from its buffer with its length known: no copy of the body, unlike the URLConnection client
                .httpClient(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofMinutes(2))
                        .maxConnections(settings.uploadConcurrency() + 1).build());
        if (settings.checksumsWhenRequired()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (!settings.endpoint().isEmpty()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }
}
