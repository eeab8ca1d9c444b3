package io.mooring.wiring;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.util.Set;

/**
 * The agent file's validator once its preparation ({@link ValidationAside}) has ended: a validation
 * asked while the preparation still learns the configuration's classes waits for it rather than learning them again
 * beside it (the validator does not share what a class's first learning has not finished: both threads did the same
 * work, 0.1 CPU-seconds on the start's thread).
 */
final class PreparedValidator implements Validator {
    private final Validator validator;
    private final Thread preparation;

    PreparedValidator(Validator validator, Thread preparation) {
        this.validator = validator;
        this.preparation = preparation;
    }

    private Validator ready() {
        try {
            preparation.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return validator;
    }

    @Override
    public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
        return ready().validate(object, groups);
    }

    @Override
    public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
        return ready().validateProperty(object, propertyName, groups);
    }

    @Override
    public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value, Class<?>... groups) {
        return ready().validateValue(beanType, propertyName, value, groups);
    }

    @Override
    public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
        return ready().getConstraintsForClass(clazz);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return ready().unwrap(type);
    }

    @Override
    public ExecutableValidator forExecutables() {
        return ready().forExecutables();
    }
}
