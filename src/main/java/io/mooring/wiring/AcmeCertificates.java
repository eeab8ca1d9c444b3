package io.mooring.wiring;

import io.mooring.certs.CertificateIssuer;
import io.mooring.certs.IssuedCertificate;
import io.mooring.certs.acme.AcmeFailure;
import io.mooring.certs.acme.AcmeIssuer;
import io.mooring.certs.acme.AcmeSettings;
import io.mooring.certs.acme.ChallengeKind;
import io.mooring.config.AcmeConfig;
import io.mooring.model.SecretSealer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CertificateIssuer} of an agent with an {@code acme:} block: orders a tenant's certificate from the CA with
 * acme4j ({@link AcmeIssuer}), under the agent's one account, whose key {@link AccountKey} keeps encrypted under its home.
 * One order at a time, since every order's challenge server listens on the same port. A tenant whose order failed is not
 * ordered for again before its {@link OrderBackoff} has passed: meanwhile its pass is told the CA's last problem at once
 * (and keeps a certificate that still holds). Nothing here logs or says a key.
 */
public final class AcmeCertificates implements CertificateIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeCertificates.class);

    private final AcmeSettings settings;
    private final AcmeIssuer issuer;
    private final AccountKey account;
    private final OrderBackoff backoff = new OrderBackoff();
    private final ReentrantLock oneOrder = new ReentrantLock();
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * The same settings, the certificate authority asked only once {@code ready} has returned: a command, whose state
     * database opens meanwhile, asks for no certificate it could not keep (an authority counts what it issues).
     */
    public static io.mooring.reconcile.CertificateSettings askingOnceReady(io.mooring.reconcile.CertificateSettings settings,
                                                                           java.util.concurrent.Callable<?> ready) {
        return new io.mooring.reconcile.CertificateSettings(settings.lifetime(), settings.sealer(),
                settings.issuer().map(issuer -> (tenant, domains) -> {
                    try {
                        ready.call();
                    } catch (Exception e) {
                        throw new IssuanceException("not asked: the certificate could not be kept (" + e.getMessage() + ")", e);
                    }
                    return issuer.issue(tenant, domains);
                }), settings.filesDir());
    }

    AcmeCertificates(AcmeSettings settings, AccountKey account, Clock clock, RandomGenerator random) {
        this.settings = settings;
        this.issuer = new AcmeIssuer(settings);
        this.account = account;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The issuer of the {@code acme:} block, or empty when the block is off. The account key is kept under {@code home},
     * sealed by {@code sealer}, which must be the agent's own identity's (the configuration's check makes it so).
     */
    public static Optional<CertificateIssuer> of(AcmeConfig acme, SecretSealer sealer, Path home) {
        if (!acme.enabled()) {
            return Optional.empty();
        }
        if (!sealer.available()) {
            throw new IllegalArgumentException("acme.directory needs secrets.ageIdentityFile: the ACME account key is kept encrypted"
                    + " to the agent's own age identity");
        }
        return Optional.of(new AcmeCertificates(settings(acme), new AccountKey(home, sealer, AcmeIssuer::newAccountKey),
                Clock.systemUTC(), RandomGenerator.getDefault()));
    }

    /** The block as the ACME client's settings: the challenge's server on its port of every address. */
    static AcmeSettings settings(AcmeConfig acme) {
        ChallengeKind kind = AcmeConfig.TLS_ALPN_01.equals(acme.getChallenge()) ? ChallengeKind.TLS_ALPN_01 : ChallengeKind.HTTP_01;
        AcmeSettings settings = AcmeSettings.of(URI.create(acme.getDirectory().strip()))
                .answering(kind, new InetSocketAddress(acme.challengePort()))
                .waitingAtMost(acme.getTimeout().toJavaDuration());
        settings = acme.getTrustFile().map(settings::trusting).orElse(settings);
        return acme.getEmail().map(settings::contact).orElse(settings);
    }

    @Override
    public IssuedCertificate issue(String tenant, List<String> domains) throws IssuanceException {
        try {
            oneOrder.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuanceException("ACME: " + String.join(", ", domains) + ": interrupted while another order was open", e);
        }
        try {
            Optional<OrderBackoff.Failed> held = backoff.holding(tenant, domains, clock.instant());
            if (held.isPresent()) {
                throw new IssuanceException(held.get().problem() + " (" + held.get().failures() + " failed order(s) in a row;"
                        + " the CA is asked again after " + held.get().until() + ")", null);
            }
            return order(tenant, domains);
        } finally {
            oneOrder.unlock();
        }
    }

    private IssuedCertificate order(String tenant, List<String> domains) throws IssuanceException {
        String problem;
        Exception cause;
        try {
            io.mooring.certs.acme.IssuedCertificate issued = issuer.issue(account.pem(), domains);
            backoff.succeeded(tenant);
            LOG.info("tenant {}: certificate for {} issued by {}, valid until {}", tenant, domains, settings.directory(), issued.notAfter());
            return new IssuedCertificate(issued.fullchainPem(), issued.keyPem(), issued.notAfter());
        } catch (AcmeFailure e) {
            problem = e.getMessage();
            cause = e;
        } catch (AccountKey.Unusable e) {
            problem = "ACME: " + e.getMessage();
            cause = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuanceException("ACME: " + String.join(", ", domains) + ": the order was interrupted", e);
        }
        OrderBackoff.Failed failed = backoff.failed(tenant, domains, problem, clock.instant(), random);
        LOG.warn("tenant {}: {}; no order before {}", tenant, problem, failed.until());
        throw new IssuanceException(problem + " (the CA is asked again after " + failed.until() + ")", cause);
    }
}
