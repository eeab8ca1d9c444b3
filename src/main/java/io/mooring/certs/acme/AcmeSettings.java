package io.mooring.certs.acme;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to order certificates: the CA's directory ({@code https://…/directory}, or acme4j's
 * {@code acme://letsencrypt.org} and friends), the PEM file of the CAs to trust for its HTTPS instead of the
 * JDK's (a private CA), the account's contact email, the challenge and the address its server binds during an
 * order, and the bound of each wait on the CA.
 */
public record AcmeSettings(URI directory, Optional<Path> trustedCertificates, Optional<String> email,
        ChallengeKind challenge, InetSocketAddress challengeAddress, Duration timeout) {
    /** The default wait for each step of an order (challenges, order ready, certificate issued). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    public AcmeSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(challengeAddress, "challengeAddress");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /** HTTP-01 on port 80 of every address, the JDK's trusted CAs, no contact, {@link #DEFAULT_TIMEOUT}. */
    public static AcmeSettings of(URI directory) {
        return new AcmeSettings(directory, Optional.empty(), Optional.empty(), ChallengeKind.HTTP_01,
                new InetSocketAddress(80), DEFAULT_TIMEOUT);
    }

    public AcmeSettings trusting(Path pemFile) {
        return new AcmeSettings(directory, Optional.of(pemFile), email, challenge, challengeAddress, timeout);
    }

    public AcmeSettings contact(String address) {
        return new AcmeSettings(directory, trustedCertificates, Optional.of(address), challenge, challengeAddress, timeout);
    }

    /** The challenge to answer and where its server listens (port 80 or 443 behind a real CA). */
    public AcmeSettings answering(ChallengeKind kind, InetSocketAddress address) {
        return new AcmeSettings(directory, trustedCertificates, email, kind, address, timeout);
    }

    public AcmeSettings waitingAtMost(Duration wait) {
        return new AcmeSettings(directory, trustedCertificates, email, challenge, challengeAddress, wait);
    }
}
