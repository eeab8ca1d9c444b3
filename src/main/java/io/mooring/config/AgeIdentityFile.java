package io.mooring.config;

import io.dropwizard.validation.InterpolationHelper;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A setting naming an age identity file: when set, it must exist, be private to the agent (no permission for group
 * or others: it decrypts every secret of the tenants) and hold at least one {@code AGE-SECRET-KEY-1} line. Checked
 * when the configuration is loaded, so that the agent refuses to start with the field named.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
@Constraint(validatedBy = AgeIdentityFile.Validator.class)
public @interface AgeIdentityFile {
    String message() default "must name a private age identity file";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Says what is wrong with the file in the violation's message. */
    class Validator implements ConstraintValidator<AgeIdentityFile, String> {
        private static final Set<PosixFilePermission> OPEN = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

        @Override
        public boolean isValid(String file, ConstraintValidatorContext context) {
            if (file == null || file.isBlank()) {
                return true;
            }
            return problem(Path.of(file)).map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(InterpolationHelper.escapeMessageParameter(problem)).addConstraintViolation();
                return false;
            }).orElse(true);
        }

        static Optional<String> problem(Path file) {
            try {
                Set<PosixFilePermission> open = EnumSet.copyOf(OPEN);
                open.retainAll(Files.getPosixFilePermissions(file));
                if (!open.isEmpty()) {
                    return Optional.of(file + " may be read or written by group or others " + open + "; it decrypts every tenant's"
                            + " secrets: chmod 600 " + file);
                }
                boolean holdsKey = Files.readAllLines(file, StandardCharsets.UTF_8).stream().anyMatch(l -> l.strip().startsWith("AGE-SECRET-KEY-1"));
                return holdsKey ? Optional.empty() : Optional.of(file + " holds no age identity (an AGE-SECRET-KEY-1... line);"
                        + " make one with `age-keygen -o " + file + "`");
            } catch (NoSuchFileException e) {
                return Optional.of(file + ": no such file; make one with `age-keygen -o " + file + "` (mode 0600)");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return Optional.of(file + " cannot be read: " + e.getMessage());
            }
        }
    }
}
