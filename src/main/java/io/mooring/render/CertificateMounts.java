package io.mooring.render;

import io.mooring.model.ComposeResources;
import io.mooring.model.ContainerOptions.FileMount;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Location;
import io.mooring.model.ServiceOptions;
import io.mooring.model.TenantCertificate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tenant's certificate given to the containers that ask for it ({@code x-mooring.certs: /folder}): {@code cert.pem},
 * {@code key.pem} and {@code fullchain.pem} mounted read-only in that folder, delivered like secrets. The certificate's
 * fingerprint and its chain join the spec hash, so that a new certificate (or its chain completed) replaces the
 * container; its spec field {@value #FIELD} reads {@code <fingerprint>+<chain> <expiry day>}, which a plan turns into "certificate renewed (expires …)".
 */
public final class CertificateMounts {
    public static final String FIELD = "certificate";
    private static final int MODE = 0444;

    private CertificateMounts() {
    }

    /** Whether any container of the state asks for the tenant's certificate. */
    public static boolean wanted(DesiredState desired) {
        return desired.containers().stream().anyMatch(c -> !c.options().text(ServiceOptions.CERTS).isEmpty());
    }

    /** The state with the certificate's files mounted where its containers ask for them; the others unchanged. */
    public static DesiredState attach(DesiredState desired, TenantCertificate certificate) {
        return new DesiredState(desired.tenant(), desired.node(), desired.revision(),
                desired.containers().stream().map(c -> attach(c, certificate)).toList());
    }

    private static DesiredContainer attach(DesiredContainer c, TenantCertificate certificate) {
        String folder = c.options().text(ServiceOptions.CERTS);
        if (folder.isEmpty()) {
            return c;
        }
        List<FileMount> files = List.of(file(folder, "cert.pem", certificate.certPem()), file(folder, "key.pem", certificate.keyPem()),
                file(folder, "fullchain.pem", certificate.fullchainPem()));
        SortedMap<String, String> fields = new TreeMap<>(c.specFields());
        // The chain, not only the leaf's fingerprint: a chain completed reaches the containers too (a new key is a new leaf).
        String content = SpecHash.sha256(certificate.fullchainPem().strip());
        fields.put(FIELD, certificate.fingerprint().substring(0, 12) + "+" + content.substring(0, 8) + " " + certificate.expiryDay());
        String hash = SpecHash.sha256(c.specHash() + "\n" + FIELD + " " + certificate.fingerprint() + " " + content);
        return new DesiredContainer(c.tenant(), c.component(), c.containerName(), c.image(), c.command(), c.environment(), c.ports(),
                c.volumes(), c.restart(), c.labels(), c.extraHosts(), c.healthcheck(), c.access(), c.dependsOn(), c.rollout(), fields, hash,
                c.options().withFiles(files));
    }

    private static FileMount file(String folder, String name, String pem) {
        return new FileMount(true, "x-mooring.certs/" + name, folder + "/" + name, MODE, 0, 0,
                new ComposeResources.FileSource("(certificate) " + name, pem.getBytes(StandardCharsets.US_ASCII),
                        Location.of("(certificate)")));
    }
}
