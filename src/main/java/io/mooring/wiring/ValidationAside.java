package io.mooring.wiring;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The agent file's validation made ready on a thread of its own from the agent's first moment, while its logging and
 * Dropwizard's bootstrap are made: the validator factory (Dropwizard's, as its bootstrap makes it), then what the
 * validator learns of a default configuration's class and of the classes it holds (the server's, the logging's, each
 * block's), which the file's own validation then only checks the values of. Learning them is some 0.4 CPU-seconds of
 * every start; begun after the bootstrap, it was not over when the file had been read, and the file's validation
 * learned the same classes again beside it. Nothing is reported here: the file's validation finds and tells it all.
 */
public final class ValidationAside {
    private final CompletableFuture<ValidatorFactory> factory = new CompletableFuture<>();
    private final Thread thread;

    private ValidationAside(Supplier<?> configuration) {
        thread = new Thread(() -> {
            ValidatorFactory made;
            try {
                made = Validators.newValidatorFactory();
            } catch (RuntimeException | Error e) {
                factory.completeExceptionally(e);
                return;
            }
            factory.complete(made);
            try {
                made.getValidator().validate(configuration.get());
            } catch (RuntimeException e) {
                // the file's own validation meets it again and tells it
            }
        }, "mooring-validation");
        thread.setDaemon(true);
    }

    /**
     * Started for a configuration made by {@code configuration}. Logging is made ready first, on the caller's thread:
     * the validator's first words (its version, at INFO) are then not told while logging is being made, which would
     * have them kept and told again with a notice of its own.
     */
    public static ValidationAside start(Supplier<?> configuration) {
        LoggerFactory.getILoggerFactory();
        ValidationAside aside = new ValidationAside(configuration);
        aside.thread.start();
        return aside;
    }

    /** The validator factory, once made: the one the agent's bootstrap, its file's validation and its API use. */
    public ValidatorFactory factory() {
        return factory.join();
    }

    /** The file's validator: each validation waits for the preparation to end rather than learn the classes beside it. */
    public Validator validator() {
        return new PreparedValidator(factory().getValidator(), thread);
    }
}
