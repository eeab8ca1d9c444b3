package io.mooring.validate;

import static io.mooring.validate.RealInventoriesTest.container;
import static io.mooring.validate.RealInventoriesTest.validate;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the deploy tool derives for its env files from an inventory's switches, as the built-in definitions fill it in. */
class DerivedValuesTest {
    @Test
    void theToolsDerivedValuesFollowTheSwitches(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("inventory.yml"), """
                all:
                  hosts:
                    acme: {omni_ip_lan: 192.0.2.10, ansible_host: 203.0.113.10, bucket_url: aws, bucket_region: sa-east-1,
                           postgres_utc: true, TZ: America/Argentina/Cordoba, homer_host: 192.0.2.99}
                """);
        Validator.Result aws = validate(tmp);
        assertThat(container(aws, "acme", "django").environment()).containsEntry("CALLREC_DEVICE", "s3-aws")
                .containsEntry("S3_ENDPOINT", "https://s3.sa-east-1.amazonaws.com")
                .containsEntry("S3_ENDPOINT_AWS", "https://s3.sa-east-1.amazonaws.com").containsEntry("TZ", "America/Argentina/Cordoba");
        assertThat(container(aws, "acme", "fastagi").environment()).containsEntry("S3_ENDPOINT", "https://s3.sa-east-1.amazonaws.com")
                .containsEntry("TZ", "UTC");
        assertThat(container(aws, "acme", "asterisk").environment()).containsEntry("UTC_LOGS", "True")
                .containsEntry("HOMER_ENABLE", "True").containsEntry("ARQ", "aio");
        assertThat(aws.hosts().get("acme").containers()).extracting(DesiredContainer::component).doesNotContain("minio");

        Validator.Result managed = validate("managed-services");
        assertThat(container(managed, "globex", "nginx").environment()).containsEntry("CALLREC_DEVICE", "s3")
                .containsEntry("S3_ENDPOINT", "https://nyc3.digitaloceanspaces.com").containsEntry("S3_ENDPOINT_AWS", "");
        // Each node of an HA pair reaches its own components.
        Validator.Result pair = validate("ha-pair");
        String a = container(pair, "umbrella_aio_a", "django").environment().get("PGHOST");
        String b = container(pair, "umbrella_aio_b", "django").environment().get("PGHOST");
        assertThat(a).isNotEqualTo(b);
        assertThat(container(pair, "umbrella_aio_b", "asterisk").environment().get("FASTAGI")).isEqualTo(b);
    }
}
