package io.mooring.certs;

import io.mooring.model.TenantCertificate;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for a host ({@code certs: selfsigned}): an EC P-256 key, the host's {@code fqdn} and its
 * addresses as subject alternative names, valid from a minute before {@code now} (a tenth of a short lifetime) until
 * {@code lifetime} after it.
 */
public final class SelfSigned {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSigned() {
    }

    /** {@code names}: the fqdn first, then the host's addresses (IP literals); blanks and repeats are dropped. */
    public static TenantCertificate make(List<String> names, Instant now, Duration lifetime) {
        Set<String> unique = new LinkedHashSet<>();
        names.stream().filter(n -> n != null && !n.isBlank()).forEach(unique::add);
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("a self-signed certificate needs the host's fqdn or an address");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            String first = unique.iterator().next();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, first).addRDN(BCStyle.O, "Mooring self-signed").build();
            // Valid a little before now, for clocks slightly behind: a minute, or a tenth of a short lifetime.
            Instant from = now.minus(lifetime.dividedBy(10).compareTo(Duration.ofMinutes(1)) < 0 ? lifetime.dividedBy(10) : Duration.ofMinutes(1));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(from), Date.from(now.plus(lifetime)), subject, pair.getPublic());
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : unique) {
                alternatives.add(Names.literal(name.toLowerCase(java.util.Locale.ROOT)) != null
                        ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return CertificateCheck.describe("selfsigned", List.of(certificate), Pem.write(pair.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }
}
