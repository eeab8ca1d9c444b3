package io.mooring.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.certs.SelfSigned;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Revision;
import io.mooring.model.TenantCertificate;
import io.mooring.render.CertificateMounts;
import io.mooring.render.Renderer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A new certificate replaces the containers that mount it, with the reason "certificate renewed (expires …)"; the others stay. */
class CertificateRenewalPlanTest {
    private static final Revision REV = new Revision("0123456789abcdef0123456789abcdef01234567", "test");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRenewedCertificateIsAReplaceSayingWhenItExpires() {
        DesiredState rendered = render();
        TenantCertificate first = SelfSigned.make(List.of("pbx.example.com"), NOW, Duration.ofDays(90));
        TenantCertificate second = SelfSigned.make(List.of("pbx.example.com"), NOW.plus(Duration.ofDays(60)), Duration.ofDays(90));
        DesiredState before = CertificateMounts.attach(rendered, first);
        DesiredState after = CertificateMounts.attach(rendered, second);

        DesiredContainer web = after.containers().stream().filter(c -> c.component().equals("web")).findFirst().orElseThrow();
        assertThat(web.options().files()).extracting(f -> f.target())
                .containsExactly("/etc/tls/cert.pem", "/etc/tls/key.pem", "/etc/tls/fullchain.pem");
        assertThat(web.specHash()).isNotEqualTo(rendered.containers().get(0).specHash());
        Plan plan = RevisionDiff.diff(before, after);
        Action replaced = plan.actions().stream().filter(a -> a.component().equals("web")).findFirst().orElseThrow();
        assertThat(replaced).isInstanceOf(Action.Replace.class);
        assertThat(replaced.reason().toString()).isEqualTo("certificate renewed (expires 2027-04-30)");
        assertThat(plan.actions().stream().filter(a -> a.component().equals("db")).findFirst().orElseThrow()).isInstanceOf(Action.Keep.class);
        assertThat(RevisionDiff.diff(after, CertificateMounts.attach(rendered, second)).actions()).allMatch(a -> a instanceof Action.Keep);
    }

    /** The same leaf with its chain completed (the usual fix of an incomplete chain) reaches the containers too. */
    @Test
    void aChainCompletedForTheSameLeafIsAReplace() {
        DesiredState rendered = render();
        TenantCertificate leaf = SelfSigned.make(List.of("pbx.example.com"), NOW, Duration.ofDays(90));
        TenantCertificate intermediate = SelfSigned.make(List.of("ca.example.com"), NOW, Duration.ofDays(90));
        TenantCertificate chained = new TenantCertificate(leaf.source(), leaf.certPem(), leaf.keyPem(), leaf.fullchainPem()
                + intermediate.certPem(), leaf.notBefore(), leaf.notAfter(), leaf.names(), leaf.fingerprint());
        Plan plan = RevisionDiff.diff(CertificateMounts.attach(rendered, leaf), CertificateMounts.attach(rendered, chained));
        assertThat(plan.actions().stream().filter(a -> a.component().equals("web")).findFirst().orElseThrow())
                .isInstanceOf(Action.Replace.class);
    }

    @Test
    void aCertificateGivenForTheFirstTimeIsASpecChange() {
        DesiredState rendered = render();
        Plan plan = RevisionDiff.diff(rendered, CertificateMounts.attach(rendered, SelfSigned.make(List.of("a.example"), NOW,
                Duration.ofDays(1))));
        assertThat(plan.actions().stream().filter(a -> a.component().equals("web")).findFirst().orElseThrow().reason().toString())
                .startsWith("spec changed").contains("certificate");
    }

    private static DesiredState render() {
        Map<String, byte[]> files = Map.of(
                "inventory.yml", "all:\n  hosts:\n    node-1: {}\n  vars: {certs: selfsigned}\n".getBytes(StandardCharsets.UTF_8),
                "components.yml", "services:\n  web:\n    image: demo/web:1\n    x-mooring: {certs: /etc/tls}\n  db:\n    image: demo/db:1\n"
                        .getBytes(StandardCharsets.UTF_8));
        return Renderer.render(TenantLoader.load(new ConfigTree() {
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
        }, "acme"), "node-1", REV);
    }
}
