package io.mooring.certs.acme;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The domains of an order, checked before the CA is asked: DNS names, no wildcard (HTTP-01 and TLS-ALPN-01 cannot prove one). */
final class Domains {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Domains() {
    }

    /** The domains as one text for messages, or the failure naming the first bad one. */
    static String check(List<String> domains) throws AcmeFailure {
        if (domains == null || domains.isEmpty()) {
            throw new AcmeFailure("ACME: no domain to order a certificate for");
        }
        Set<String> seen = new HashSet<>();
        for (String domain : domains) {
            if (domain == null || domain.isEmpty()) {
                throw new AcmeFailure("ACME: an empty domain in " + domains);
            }
            String name = domain.toLowerCase(Locale.ROOT);
            if (name.length() > 253 || !name.contains(".") || !allLabels(name)) {
                throw new AcmeFailure("ACME: " + printable(domain) + " is not a DNS name a certificate can be ordered for"
                        + (name.startsWith("*.") ? " (a wildcard needs the dns-01 challenge)" : ""));
            }
            if (!seen.add(name)) {
                throw new AcmeFailure("ACME: " + domain + " is named twice");
            }
        }
        return String.join(", ", domains);
    }

    private static boolean allLabels(String name) {
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
