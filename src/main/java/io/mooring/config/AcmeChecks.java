package io.mooring.config;

import io.dropwizard.validation.InterpolationHelper;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code acme:} block's own checks, each violation naming its field: the directory is an {@code https://} URL (or an
 * {@code acme://} name acme4j knows), the contact an email address, the trust file a readable PEM file of certificates;
 * and neither of the latter without a directory, since the block is off then.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Constraint(validatedBy = AcmeChecks.Validator.class)
public @interface AcmeChecks {
    String message() default "is not a usable acme block";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Says what is wrong, and with which field, in each violation's message. */
    class Validator implements ConstraintValidator<AcmeChecks, AcmeConfig> {
        private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s:,]+@[^@\\s:,]+\\.[^@\\s:,]+");

        @Override
        public boolean isValid(AcmeConfig acme, ConstraintValidatorContext context) {
            if (acme == null) {
                return true;
            }
            List<String[]> problems = new ArrayList<>();
            if (acme.enabled()) {
                directory(acme.getDirectory()).ifPresent(p -> problems.add(new String[] {"directory", p}));
            } else if (acme.getEmail().isPresent() || acme.getTrustFile().isPresent()) {
                problems.add(new String[] {"directory", "is not set, so the acme block is off; set it (such as"
                        + " https://acme-v02.api.letsencrypt.org/directory) or remove the block"});
            }
            acme.getEmail().filter(e -> !EMAIL.matcher(e).matches())
                    .ifPresent(e -> problems.add(new String[] {"email", "'" + e + "' is not an email address (such as ops@example.com)"}));
            acme.getTrustFile().flatMap(Validator::trustFile).ifPresent(p -> problems.add(new String[] {"trustFile", p}));
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (String[] problem : problems) {
                context.buildConstraintViolationWithTemplate(InterpolationHelper.escapeMessageParameter(problem[1]))
                        .addPropertyNode(problem[0]).addConstraintViolation();
            }
            return false;
        }

        static Optional<String> directory(String text) {
            String expected = " is not the https:// URL of an ACME directory (such as https://acme-v02.api.letsencrypt.org/directory)"
                    + " nor an acme:// name of acme4j's (such as acme://letsencrypt.org/staging)";
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("https") || scheme.equals("acme")) && uri.getHost() != null && uri.getUserInfo() == null) {
                    return Optional.empty();
                }
                return Optional.of("'" + text + "'" + expected);
            } catch (URISyntaxException e) {
                return Optional.of("'" + text + "'" + expected + ": " + e.getMessage());
            }
        }

        static Optional<String> trustFile(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                    return Optional.of(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----) to trust");
                }
                return Optional.empty();
            } catch (NoSuchFileException e) {
                return Optional.of(file + ": no such file (a PEM file of the CA certificates to trust for the directory's HTTPS)");
            } catch (IOException | SecurityException e) {
                return Optional.of(file + " cannot be read: " + e.getMessage());
            } catch (CertificateException e) {
                return Optional.of(file + " holds no PEM certificate to trust (" + e.getMessage() + ")");
            }
        }
    }
}
