package io.mooring.crypto;

import java.io.IOException;

/** Fresh age key pairs and identities for tests of other packages. */
public final class AgeCryptoTestKeys {
    private AgeCryptoTestKeys() {
    }

    /** {identity line, recipient}. */
    public static String[] pair() throws Exception {
        return AgeCryptoTest.keyPair();
    }

    public static AgeIdentity identity(String... keys) throws IOException {
        return AgeIdentity.parse("test-identity", String.join("\n", keys) + "\n");
    }
}
