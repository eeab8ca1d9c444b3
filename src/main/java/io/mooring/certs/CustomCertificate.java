package io.mooring.certs;

import io.mooring.model.ConfigTree;
import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of a tenant's own certificate ({@code certs: custom}), read from its folder as the deploy tool reads them: the
 * files {@code cert_file_name} and {@code key_file_name} name ({@code ssl_cert_file_name}, {@code ssl_key_file_name}),
 * else {@code cert.pem} and {@code key.pem}; each plain or {@code .age} (the tree decrypts). Then {@link CertificateCheck}.
 */
public final class CustomCertificate {
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}(/[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}){0,7}");

    private CustomCertificate() {
    }

    /** {@code host}: its variables filled in ({@code fqdn} and the file names); {@code dir}: the tenant's folder with its slash. */
    public static CertificateCheck.Outcome read(ConfigTree tree, String dir, Host host, Instant now) {
        for (String variable : List.of("cert_file_name", "ssl_cert_file_name", "key_file_name", "ssl_key_file_name")) {
            String value = host.vars().getOrDefault(variable, "");
            if (!value.isBlank() && (!FILE.matcher(value).matches() || value.contains(".."))) {
                return new CertificateCheck.Outcome(null, List.of(new Problem(host.origin(variable), variable + ": '"
                        + value.replaceAll("\\p{Cntrl}", "?") + "' is not the name of a file in the tenant folder (letters, digits, . _ + -,"
                        + " folders with /, never ..)")));
            }
        }
        String certFile = dir + name(host, "cert_file_name", "ssl_cert_file_name", "cert.pem");
        String keyFile = dir + name(host, "key_file_name", "ssl_key_file_name", "key.pem");
        try {
            Optional<byte[]> cert = tree.read(certFile);
            Optional<byte[]> key = tree.read(keyFile);
            if (cert.isEmpty() || key.isEmpty()) {
                // The loader names what is missing (CertificateFiles); nothing more to say here.
                return new CertificateCheck.Outcome(null, List.of(new Problem(Location.of(cert.isEmpty() ? certFile : keyFile),
                        "certs: custom needs this file (or it with .age) in the tenant folder")));
            }
            return CertificateCheck.check(shown(tree, certFile), cert.get(), shown(tree, keyFile), key.get(),
                    host.vars().getOrDefault("fqdn", ""), now, "custom");
        } catch (InvalidConfigException e) {
            return new CertificateCheck.Outcome(null, e.problems());
        } catch (IllegalArgumentException e) {
            return new CertificateCheck.Outcome(null, List.of(new Problem(Location.of(certFile), "cannot be read: " + e.getMessage())));
        }
    }

    /** What a host's {@code certs} says, lower-cased; empty when it is not set. */
    public static String kind(Host host) {
        return host.vars().getOrDefault("certs", "").strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String name(Host host, String variable, String older, String fallback) {
        String name = host.vars().getOrDefault(variable, host.vars().getOrDefault(older, ""));
        return name.isBlank() ? fallback : name;
    }

    /** The file as committed: {@code key.pem.age} when that is what the tree decrypted. */
    private static String shown(ConfigTree tree, String file) {
        return tree.read(file + ".age").isPresent() ? file + ".age" : file;
    }
}
