package io.mooring.reconcile;

import io.mooring.certs.CertificateCheck;
import io.mooring.certs.CertificateIssuer;
import io.mooring.certs.Certificates;
import io.mooring.certs.CustomCertificate;
import io.mooring.certs.IssuedCertificate;
import io.mooring.certs.Pem;
import io.mooring.certs.SelfSigned;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredState;
import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.SecretDecryptor;
import io.mooring.model.SecretSealer;
import io.mooring.model.StoredCertificate;
import io.mooring.model.TenantCertificate;
import io.mooring.model.TenantConfig;
import io.mooring.render.CertificateMounts;
import io.mooring.render.Renderer;
import io.mooring.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant's certificate on this node, given to the containers that ask for it: its own ({@code certs: custom}, checked
 * like any file of a revision), or one Mooring makes ({@code selfsigned}) or has issued ({@code acme}, {@code certbot}),
 * kept in the state store encrypted to the agent's own identity and renewed at two thirds of its lifetime. A node without
 * an identity keeps those in its private tmpfs folder ({@link UnsealedCertificates}): an agent's restart keeps them, a
 * host's makes them again.
 */
final class TenantCertificates {
    static final List<String> VARIABLES = List.of("certs", "fqdn", "ansible_host", "omni_ip_lan", "cert_file_name", "ssl_cert_file_name",
            "key_file_name", "ssl_key_file_name");
    /** An IPv4 address (four octets, as a certificate can hold it) or an IPv6 one; anything else is left out of the names. */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)|[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}");
    private final CertificateSettings settings;
    private final StateStore store;
    private final String node;
    private final Clock clock;
    private final UnsealedCertificates unsealed;
    private final Map<String, TenantCertificate> current = new ConcurrentHashMap<>();
    /** When each tenant's kept certificate is due, while no renewal of it has failed: see {@link #due}. */
    private final Map<String, Instant> renewals = new ConcurrentHashMap<>();

    TenantCertificates(CertificateSettings settings, StateStore store, String node, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.node = node;
        this.clock = clock;
        this.unsealed = new UnsealedCertificates(settings.filesDir());
    }

    /** The tenant's certificate per tenant, as last given to its containers here. */
    Map<String, TenantCertificate> current() {
        return Map.copyOf(current);
    }

    /**
     * Whether the tenant's made or issued certificate is due for renewal: its pass is then run even when nothing else
     * changed. After a failed renewal it is not (the certificate that still holds is kept until the next full pass, and the
     * ACME client backs off on its own).
     */
    boolean due(String tenant) {
        Instant at = renewals.get(tenant);
        return at != null && !clock.instant().isBefore(at);
    }

    /**
     * The desired state with the tenant's certificate mounted where its containers ask for it. A custom certificate that
     * fails its checks, or {@code acme} without an ACME client, refuses the revision like any invalid file.
     */
    DesiredState attach(DesiredState desired, TenantConfig config, ConfigTree tree) {
        Host host = Renderer.withValues(config.inventory(), config.inventory().host(node).orElseThrow(), VARIABLES);
        String kind = CustomCertificate.kind(host);
        if (kind.isEmpty() && !CertificateMounts.wanted(desired)) {
            current.remove(config.tenant());
            renewals.remove(config.tenant());
            return desired;
        }
        kind = kind.isEmpty() ? "selfsigned" : kind; // the deploy tool's default
        Optional<TenantCertificate> certificate = switch (kind) {
            case "custom" -> {
                renewals.remove(config.tenant());
                yield Optional.of(custom(config, tree, host));
            }
            case "selfsigned" -> Optional.of(kept(config.tenant(), "selfsigned", names(host), () -> SelfSigned.make(names(host),
                    clock.instant(), settings.lifetime())));
            case "acme", "certbot" -> Optional.of(kept(config.tenant(), "acme", List.of(host.vars().getOrDefault("fqdn", "")),
                    () -> issue(config, host)));
            default -> Optional.empty();
        };
        if (certificate.isEmpty()) {
            if (CertificateMounts.wanted(desired)) {
                throw new InvalidConfigException(host.origin("certs"), "certs: '" + kind + "' is not a certificate Mooring reads or makes"
                        + " (selfsigned, custom, acme, certbot), and a component asks for it (x-mooring.certs)");
            }
            return desired;
        }
        current.put(config.tenant(), certificate.get());
        return CertificateMounts.attach(desired, certificate.get());
    }

    /** The tenant left this node: its certificate is no longer shown, nor kept unsealed (a sealed one stays in the store). */
    void forget(String tenant) {
        current.remove(tenant);
        unsealed.forget(tenant, node);
    }

    private TenantCertificate custom(TenantConfig config, ConfigTree tree, Host host) {
        CertificateCheck.Outcome outcome = CustomCertificate.read(tree, TenantLoader.folderOf(tree, config.tenant()), host, clock.instant());
        if (!outcome.problems().isEmpty()) {
            throw new InvalidConfigException(outcome.problems());
        }
        return outcome.certificate();
    }

    /** The host's fqdn, then its addresses; the node's name when it has neither. */
    static List<String> names(Host host) {
        List<String> names = new ArrayList<>();
        for (String variable : List.of("fqdn", "ansible_host", "omni_ip_lan")) {
            String value = host.vars().getOrDefault(variable, "").strip();
            if (!value.isEmpty() && (variable.equals("fqdn") || ADDRESS.matcher(value).matches()) && !names.contains(value)) {
                names.add(value);
            }
        }
        return names.isEmpty() ? List.of(host.name()) : names;
    }

    private TenantCertificate issue(TenantConfig config, Host host) {
        if (settings.issuer().isEmpty()) {
            throw new InvalidConfigException(host.origin("certs"), "certs: " + host.vars().get("certs")
                    + " needs acme.directory in the agent configuration (no ACME client is set up on node " + node + ")");
        }
        try {
            IssuedCertificate issued = settings.issuer().get().issue(config.tenant(), List.of(host.vars().getOrDefault("fqdn", host.name())));
            return Certificates.issued("acme", issued.fullchainPem().getBytes(StandardCharsets.US_ASCII),
                    issued.keyPem().getBytes(StandardCharsets.US_ASCII));
        } catch (CertificateIssuer.IssuanceException | Pem.Unreadable e) {
            throw new Unavailable("the tenant's certificate could not be issued: " + e.getMessage(), e);
        }
    }

    /** The kept certificate while it covers the names and is not due; else a new one, kept. */
    private TenantCertificate kept(String tenant, String source, List<String> names, java.util.function.Supplier<TenantCertificate> make) {
        Instant now = clock.instant();
        Optional<StoredCertificate> stored = settings.sealer().available() ? store.certificate(tenant, node)
                : unsealed.get(tenant, node);
        if (stored.isPresent() && stored.get().source().equals(source) && stored.get().names().equals(String.join(",", names))
                && now.isBefore(stored.get().renewAt())) {
            Optional<TenantCertificate> opened = open(stored.get());
            if (opened.isPresent()) {
                renewals.put(tenant, stored.get().renewAt());
                return opened.get();
            }
        }
        TenantCertificate made;
        try {
            made = make.get();
        } catch (IllegalStateException e) {
            // A failed renewal keeps the certificate that still holds; the next pass asks again.
            Optional<TenantCertificate> still = stored.filter(s -> now.isBefore(s.notAfter())).flatMap(this::open);
            if (still.isPresent()) {
                renewals.remove(tenant);
                return still.get();
            }
            throw e;
        }
        StoredCertificate keep = new StoredCertificate(tenant, node, source, String.join(",", names), made.fingerprint(), made.notAfter(),
                Certificates.renewAt(made.notBefore(), made.notAfter()), seal(made));
        if (settings.sealer().available()) {
            store.keepCertificate(keep);
        } else {
            unsealed.keep(keep);
        }
        renewals.put(tenant, keep.renewAt());
        return made;
    }

    private byte[] seal(TenantCertificate certificate) {
        byte[] bundle = Certificates.bundle(certificate);
        if (!settings.sealer().available()) {
            return bundle; // in this process's memory only
        }
        try {
            return settings.sealer().seal(bundle);
        } catch (SecretDecryptor.Failure e) {
            throw new IllegalStateException("the tenant's certificate cannot be kept: " + e.getMessage(), e);
        }
    }

    /** The kept certificate, or empty when it cannot be read back (a new identity): then a new one is made. */
    private Optional<TenantCertificate> open(StoredCertificate stored) {
        try {
            byte[] bundle = settings.sealer().available() ? settings.sealer().open(stored.sealed()) : stored.sealed();
            return Optional.of(Certificates.unbundle(stored.source(), bundle));
        } catch (SecretDecryptor.Failure | Pem.Unreadable e) {
            return Optional.empty();
        }
    }

    /**
     * No certificate could be made or issued, and none that still holds is kept: the pass ends UNAVAILABLE, nothing touched,
     * with the reason (the CA's problem) in words that hold no key; the next pass asks again.
     */
    static final class Unavailable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
