package io.mooring.certs.acme;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Orders a certificate from an ACME CA (RFC 8555) with acme4j. An order is a list of phases: the account
 * (found, or made with the terms agreed), the order, each authorization's challenge answered by a server of
 * Mooring's own that runs only while the order is open, the wait for the order to be ready, a CSR signed by a
 * fresh EC P-256 domain key, the wait for the certificate, and its download. Every wait is bounded by
 * {@link AcmeSettings#timeout()}; every failure is one line naming the domains and the CA's problem. The account
 * key and the domain key are never logged nor written anywhere.
 */
public final class AcmeIssuer {
    private final AcmeSettings settings;

    public AcmeIssuer(AcmeSettings settings) {
        this.settings = settings;
    }

    /** A new account key (EC P-256) as PEM, made once by the caller and kept encrypted by it. */
    public static String newAccountKey() {
        return Keys.accountKeyPem();
    }

    /** Orders a certificate for {@code domains} (the first one its subject) with the account of {@code accountKeyPem}. */
    public IssuedCertificate issue(String accountKeyPem, List<String> domains) throws AcmeFailure, InterruptedException {
        String names = Domains.check(domains);
        KeyPair accountKey = Keys.readAccountKey(accountKeyPem);
        Session session = CaTrust.session(settings);
        try {
            return order(names, session, accountKey, domains);
        } catch (AcmeLazyLoadingException | AcmeProtocolException e) {
            // A resource acme4j loads on first use (an authorization's status, its identifier) or a reply it cannot read.
            throw new AcmeFailure("ACME: " + names + ": " + Problems.oneLine(e), e);
        }
    }

    private IssuedCertificate order(String names, Session session, KeyPair accountKey, List<String> domains)
            throws AcmeFailure, InterruptedException {
        Login login = step(names, "account", () -> account(session, accountKey));
        Order order = step(names, "new order", () -> login.newOrder().domains(domains).create());
        try (ChallengeResponder responder = ChallengeResponder.start(settings)) {
            authorize(names, order, responder);
            Status ready = step(names, "order", () -> order.waitUntilReady(settings.timeout()));
            expect(names, "order not ready", ready, Status.READY, order.getError());
            KeyPair domainKey = Keys.domainKey();
            step(names, "finalize", () -> {
                order.execute(domainKey);
                return null;
            });
            Status valid = step(names, "certificate", () -> order.waitForCompletion(settings.timeout()));
            expect(names, "no certificate issued", valid, Status.VALID, order.getError());
            return certificate(names, order, domainKey);
        }
    }

    private Login account(Session session, KeyPair accountKey) throws AcmeException {
        AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
        settings.email().ifPresent(account::addEmail);
        return account.createLogin(session);
    }

    /** Triggers the challenge of every pending authorization, then waits for each to be valid. */
    private void authorize(String names, Order order, ChallengeResponder responder) throws AcmeFailure, InterruptedException {
        List<Authorization> authorizations = step(names, "authorizations", order::getAuthorizations);
        List<Challenge> triggered = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (Authorization authorization : authorizations) {
            String domain = authorization.getIdentifier().getDomain();
            if (authorization.getStatus() == Status.VALID) {
                continue;
            }
            Optional<Challenge> offered = authorization.findChallenge(settings.challenge().type());
            if (offered.isEmpty()) {
                throw new AcmeFailure("ACME: " + domain + ": the CA offers no " + settings.challenge().type() + " challenge");
            }
            Challenge challenge = offered.get();
            responder.answer(authorization.getIdentifier(), challenge);
            step(domain, settings.challenge().type() + " challenge", () -> {
                challenge.trigger();
                return null;
            });
            triggered.add(challenge);
            domains.add(domain);
        }
        for (int i = 0; i < triggered.size(); i++) {
            Challenge challenge = triggered.get(i);
            String domain = domains.get(i);
            Status status = step(domain, settings.challenge().type() + " challenge",
                    () -> challenge.waitForStatus(Set.of(Status.VALID, Status.INVALID), settings.timeout()));
            expect(domain, "the " + settings.challenge().type() + " challenge failed", status, Status.VALID, challenge.getError());
        }
    }

    private static IssuedCertificate certificate(String names, Order order, KeyPair domainKey)
            throws AcmeFailure, InterruptedException {
        org.shredzone.acme4j.Certificate certificate = order.getCertificate();
        List<X509Certificate> chain = step(names, "download", certificate::getCertificateChain);
        X509Certificate leaf = chain.get(0);
        return new IssuedCertificate(Keys.certificatesPem(chain), Keys.privateKeyPem(domainKey),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    private static void expect(String names, String what, Status status, Status wanted, Optional<Problem> problem)
            throws AcmeFailure {
        if (status != wanted) {
            throw new AcmeFailure("ACME: " + names + ": " + what + " (" + status.name().toLowerCase(Locale.ROOT)
                    + problem.map(p -> "): " + Problems.describe(p)).orElse(")"));
        }
    }

    /** One call to the CA; its failure becomes one line naming the domains and the step. */
    private static <T> T step(String names, String what, AcmeCall<T> call) throws AcmeFailure, InterruptedException {
        try {
            return call.run();
        } catch (AcmeServerException e) {
            throw new AcmeFailure("ACME: " + names + ": " + what + ": " + Problems.describe(e.getProblem()), e);
        } catch (AcmeException e) {
            throw new AcmeFailure("ACME: " + names + ": " + what + ": " + Problems.oneLine(e), e);
        } catch (AcmeLazyLoadingException | AcmeProtocolException e) {
            throw new AcmeFailure("ACME: " + names + ": " + what + ": " + Problems.oneLine(e), e);
        }
    }

    @FunctionalInterface
    private interface AcmeCall<T> {
        T run() throws AcmeException, InterruptedException;
    }
}
