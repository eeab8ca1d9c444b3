package io.mooring.certs.acme;

/**
 * An ACME order that did not end in a certificate, said in one line that names the domain and, where the CA
 * gave one, its problem's detail and type. Never carries a key.
 */
public final class AcmeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public AcmeFailure(String message) {
        super(message);
    }

    public AcmeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
