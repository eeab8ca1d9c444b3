package io.mooring.inventory;

import io.mooring.model.Redactions;
import java.util.Locale;

/** The names of variables that hold secrets by their look: password, passwd, secret, token, {@code *_key}, {@code vault_*}. */
public final class PlaintextNames {
    private PlaintextNames() {
    }

    public static boolean looksSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Redactions.isSecret(name) || lower.contains("passwd") || lower.startsWith("vault_");
    }
}
