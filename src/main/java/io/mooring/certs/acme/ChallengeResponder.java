package io.mooring.certs.acme;

import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.challenge.Challenge;

/** A server of Mooring's own that answers the CA's challenges of one open order, and only those. */
interface ChallengeResponder extends AutoCloseable {
    /** The responder of the settings' challenge, listening on their address until closed. */
    static ChallengeResponder start(AcmeSettings settings) throws AcmeFailure {
        return switch (settings.challenge()) {
            case HTTP_01 -> HttpChallengeServer.start(settings.challengeAddress());
            case TLS_ALPN_01 -> TlsAlpnChallengeServer.start(settings.challengeAddress());
        };
    }

    /** Answers {@code challenge} (of this responder's kind) for {@code identifier} from now until closed. */
    void answer(Identifier identifier, Challenge challenge) throws AcmeFailure;

    /** Stops listening; nothing is answered any more. */
    @Override
    void close();
}
