package io.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.certs.CertificateIssuer;
import io.mooring.certs.IssuedCertificate;
import io.mooring.certs.SelfSigned;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredState;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Revision;
import io.mooring.model.TenantCertificate;
import io.mooring.model.TenantConfig;
import io.mooring.render.Renderer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A node without an age identity keeps its self-signed certificates in memory, the same one pass after pass until it is
 * due; {@code certs: acme} without an ACME client refuses the revision, saying what to configure; a first issuance that
 * fails ends the pass UNAVAILABLE with the CA's problem, a failed renewal keeps the certificate that still holds.
 */
class TenantCertificatesTest {
    private static final Revision REV = new Revision("0123456789abcdef0123456789abcdef01234567", "test");

    private static ConfigTree tree(String certs) {
        Map<String, byte[]> files = Map.of(
                "inventory.yml", ("all:\n  hosts:\n    node-1: {ansible_host: 192.0.2.7}\n  vars: {certs: " + certs + ", fqdn: pbx.example.com}\n")
                        .getBytes(StandardCharsets.UTF_8),
                "components.yml", "services:\n  web:\n    image: demo/web:1\n    x-mooring: {certs: /etc/tls}\n".getBytes(StandardCharsets.UTF_8));
        return new ConfigTree() {
            public Optional<byte[]> read(String path) {
                return Optional.ofNullable(files.get(path));
            }

            public List<String> folders(String dir) {
                return List.of();
            }

            public boolean isFolder(String path) {
                return path.isEmpty();
            }

            public List<String> links(String dir) {
                return List.of();
            }
        };
    }

    @Test
    void aSelfSignedCertificateIsKeptUntilTwoThirdsOfItsLifetime() {
        ConfigTree tree = tree("selfsigned");
        TenantConfig config = TenantLoader.load(tree, "acme");
        DesiredState rendered = Renderer.render(config, "node-1", REV);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        TenantCertificates certificates = new TenantCertificates(new CertificateSettings(Duration.ofDays(30),
                io.mooring.model.SecretSealer.NONE, Optional.empty()), null, "node-1", clock);
        String first = certificates.attach(rendered, config, tree).containers().get(0).specHash();
        assertThat(certificates.current().get("acme").names()).containsExactly("pbx.example.com", "192.0.2.7");
        clock.now = clock.now.plus(Duration.ofDays(19));
        assertThat(certificates.due("acme")).isFalse();
        assertThat(certificates.attach(rendered, config, tree).containers().get(0).specHash()).as("not due yet").isEqualTo(first);
        clock.now = clock.now.plus(Duration.ofDays(2));
        assertThat(certificates.due("acme")).as("a quiet tenant's pass runs").isTrue();
        assertThat(certificates.attach(rendered, config, tree).containers().get(0).specHash()).as("renewed").isNotEqualTo(first);
        assertThat(certificates.due("acme")).isFalse();
    }

    @Test
    void aFailedFirstIssuanceEndsThePassUnavailableAndAFailedRenewalKeepsTheCertificateThatHolds() {
        ConfigTree tree = tree("acme");
        TenantConfig config = TenantLoader.load(tree, "acme");
        DesiredState rendered = Renderer.render(config, "node-1", REV);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        AtomicReference<String> refusal = new AtomicReference<>("ACME: pbx.example.com: the http-01 challenge failed (invalid):"
                + " connection refused [urn:ietf:params:acme:error:connection]");
        CertificateIssuer ca = (tenant, domains) -> {
            if (refusal.get() != null) {
                throw new CertificateIssuer.IssuanceException(refusal.get(), null);
            }
            TenantCertificate made = SelfSigned.make(domains, clock.instant(), Duration.ofDays(90));
            return new IssuedCertificate(made.fullchainPem(), made.keyPem(), made.notAfter());
        };
        TenantCertificates certificates = new TenantCertificates(new CertificateSettings(Duration.ofDays(30),
                io.mooring.model.SecretSealer.NONE, Optional.of(ca)), null, "node-1", clock);

        assertThatThrownBy(() -> certificates.attach(rendered, config, tree)).isInstanceOf(TenantCertificates.Unavailable.class)
                .hasMessage("the tenant's certificate could not be issued: " + refusal.get());
        refusal.set(null);
        String first = certificates.attach(rendered, config, tree).containers().get(0).specHash();
        assertThat(certificates.current().get("acme").source()).isEqualTo("acme");

        clock.now = clock.now.plus(Duration.ofDays(61));
        assertThat(certificates.due("acme")).isTrue();
        refusal.set("ACME: pbx.example.com: new order: too many certificates [urn:ietf:params:acme:error:rateLimited]");
        assertThat(certificates.attach(rendered, config, tree).containers().get(0).specHash()).as("kept").isEqualTo(first);
        assertThat(certificates.due("acme")).as("not every pass after a failure").isFalse();
        refusal.set(null);
        assertThat(certificates.attach(rendered, config, tree).containers().get(0).specHash()).as("renewed").isNotEqualTo(first);
    }

    /** An agent restarted (a new instance) gives the same certificate from its tmpfs folder, kept under the node's name. */
    @Test
    void withoutAnIdentityAnAgentsRestartKeepsTheCertificateItKeptInItsTmpfsFolder() throws Exception {
        ConfigTree tree = tree("selfsigned");
        TenantConfig config = TenantLoader.load(tree, "acme");
        DesiredState rendered = Renderer.render(config, "node-1", REV);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        java.nio.file.Path shm = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("/dev/shm"), "certs-");
        try {
            CertificateSettings settings = new CertificateSettings(Duration.ofDays(30), io.mooring.model.SecretSealer.NONE, Optional.empty())
                    .keptIn(shm);
            String first = new TenantCertificates(settings, null, "node-1", clock).attach(rendered, config, tree).containers().get(0).specHash();
            assertThat(new TenantCertificates(settings, null, "node-1", clock).attach(rendered, config, tree).containers().get(0).specHash())
                    .as("the agent restarted").isEqualTo(first);
            java.nio.file.Path kept;
            try (var files = java.nio.file.Files.list(shm.resolve(UnsealedCertificates.FOLDER))) {
                kept = files.findFirst().orElseThrow();
            }
            assertThat(java.nio.file.Files.getPosixFilePermissions(kept)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(kept.getFileName().toString()).as("one node's: agents of several nodes may share a machine").startsWith("acme.")
                    .hasSize("acme.".length() + 16);
            TenantCertificates restarted = new TenantCertificates(settings, null, "node-1", clock);
            restarted.attach(rendered, config, tree);
            restarted.forget("acme");
            assertThat(restarted.current()).as("the tenant left the node").isEmpty();
            assertThat(kept).as("its key no longer kept").doesNotExist();

            CertificateSettings onDisk = settings.keptIn(java.nio.file.Path.of("target").toAbsolutePath());
            String memoryOnly = new TenantCertificates(onDisk, null, "node-1", clock).attach(rendered, config, tree).containers().get(0).specHash();
            assertThat(new TenantCertificates(onDisk, null, "node-1", clock).attach(rendered, config, tree).containers().get(0).specHash())
                    .as("not on a tmpfs: never written, made again").isNotEqualTo(memoryOnly);
        } finally {
            try (var walk = java.nio.file.Files.walk(shm)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void acmeWithoutAnAcmeClientIsRefusedSayingWhatToConfigure() {
        for (String kind : List.of("acme", "certbot")) {
            ConfigTree tree = tree(kind);
            TenantConfig config = TenantLoader.load(tree, "acme");
            TenantCertificates certificates = new TenantCertificates(CertificateSettings.DEFAULT, null, "node-1", Clock.systemUTC());
            assertThatThrownBy(() -> certificates.attach(Renderer.render(config, "node-1", REV), config, tree))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("inventory.yml").hasMessageContaining("certs: " + kind + " needs acme.directory in the agent configuration");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
