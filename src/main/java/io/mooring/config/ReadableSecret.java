package io.mooring.config;

import io.dropwizard.validation.InterpolationHelper;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting naming a file that holds a secret: when set, the file must be readable and hold at least
 * {@link #minLength} characters (after stripping). Checked when the configuration is loaded, so that a missing
 * or short secret is listed with its field like every other configuration error, not found at start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.TYPE_USE})
@Constraint(validatedBy = ReadableSecret.Validator.class)
public @interface ReadableSecret {
    String message() default "must name a readable file holding the secret";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** 1 for passwords a server chose; {@link SecretFile#MIN_LENGTH} for secrets the operator generates. */
    int minLength() default SecretFile.MIN_LENGTH;

    /** Says what is wrong with the file in the violation's message (the file name escaped, as it is no template). */
    class Validator implements ConstraintValidator<ReadableSecret, String> {
        private int minLength;

        @Override
        public void initialize(ReadableSecret annotation) {
            minLength = annotation.minLength();
        }

        @Override
        public boolean isValid(String file, ConstraintValidatorContext context) {
            if (file == null || file.isBlank()) {
                return true;
            }
            return SecretFile.problem(file, minLength).map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(InterpolationHelper.escapeMessageParameter(problem))
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
