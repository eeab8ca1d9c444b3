package io.mooring.certs.acme;

/** How the CA checks that this host answers for a domain. */
public enum ChallengeKind {
    /** A token served over plain HTTP at {@code /.well-known/acme-challenge/<token>} (port 80 for a real CA). */
    HTTP_01("http-01"),
    /** A self-signed certificate presented to the ALPN protocol {@code acme-tls/1} (port 443 for a real CA). */
    TLS_ALPN_01("tls-alpn-01");

    private final String type;

    ChallengeKind(String type) {
        this.type = type;
    }

    /** The challenge's type as ACME names it. */
    public String type() {
        return type;
    }
}
