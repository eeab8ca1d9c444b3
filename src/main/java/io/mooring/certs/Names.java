package io.mooring.certs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The DNS names and IP addresses a certificate covers (its subject alternative names), and whether one of them is a host's. */
final class Names {
    private static final int DNS = 2;
    private static final int IP = 7;

    private Names() {
    }

    static List<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> entry : all) {
                    int type = (Integer) entry.get(0);
                    if (type == DNS || type == IP) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }

    /** Whether {@code host} (a DNS name or an IP literal) is one of the names, a wildcard covering one label. */
    static boolean covers(List<String> names, String host) {
        String wanted = host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        InetAddress address = literal(wanted);
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (address != null) {
                if (address.equals(literal(n))) {
                    return true;
                }
            } else if (n.equals(wanted) || n.startsWith("*.") && wanted.indexOf('.') > 0
                    && wanted.substring(wanted.indexOf('.')).equals(n.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** The address an IP literal spells, without asking any resolver; null for a name. */
    static InetAddress literal(String text) {
        if (!text.matches("[0-9.]+") && !(text.contains(":") && text.matches("[0-9a-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
