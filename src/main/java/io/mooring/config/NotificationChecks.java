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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code notifications:} block's own checks, each violation naming its field ({@code targets[2].type}): a known
 * type; exactly one of {@code url} and {@code urlFile} (an {@code email} target has neither, but a host, a sender and
 * recipients); an inline URL that is http or https; known event names; a known TLS mode. An inline URL is never
 * repeated in a message beyond its scheme and host, as it may carry a token.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Constraint(validatedBy = NotificationChecks.Validator.class)
public @interface NotificationChecks {
    String message() default "is not a usable notifications block";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Says what is wrong, and with which field of which target, in each violation's message. */
    class Validator implements ConstraintValidator<NotificationChecks, NotificationsConfig> {
        private record Problem(Integer index, String field, String text) {
        }

        @Override
        public boolean isValid(NotificationsConfig config, ConstraintValidatorContext context) {
            if (config == null || config.getTargets() == null) {
                return true;
            }
            List<Problem> problems = new ArrayList<>();
            config.getPageUrl().flatMap(Validator::httpUrl).ifPresent(p -> problems.add(new Problem(null, "pageUrl", p)));
            for (int i = 0; i < config.getTargets().size(); i++) {
                NotificationTarget target = config.getTargets().get(i);
                if (target != null) {
                    check(i, target, problems);
                }
            }
            context.disableDefaultConstraintViolation();
            for (Problem problem : problems) {
                var violation = context.buildConstraintViolationWithTemplate(InterpolationHelper.escapeMessageParameter(problem.text()));
                if (problem.index() == null) {
                    violation.addPropertyNode(problem.field()).addConstraintViolation();
                } else {
                    violation.addPropertyNode("targets").addPropertyNode(problem.field()).inIterable().atIndex(problem.index())
                            .addConstraintViolation();
                }
            }
            return problems.isEmpty();
        }

        private static void check(int i, NotificationTarget target, List<Problem> problems) {
            String type = target.getType();
            if (type == null || !NotificationsConfig.TYPES.contains(type)) {
                problems.add(new Problem(i, "type", (type == null ? "is not set" : "'" + type + "' is not a target type")
                        + "; one of " + String.join(", ", NotificationsConfig.TYPES)));
            } else if (type.equals("email")) {
                email(i, target, problems);
            } else if (target.getUrl().isPresent() == target.getUrlFile().isPresent()) {
                problems.add(new Problem(i, "url", (target.getUrl().isPresent() ? "and urlFile are both set" : "nor urlFile is set")
                        + "; give one: url, or urlFile (a file holding the URL) when the URL carries a token"));
            } else {
                target.getUrl().flatMap(Validator::httpUrl).ifPresent(p -> problems.add(new Problem(i, "url", p)));
            }
            for (String event : target.getEvents()) {
                if (!NotificationsConfig.EVENTS.contains(event)) {
                    problems.add(new Problem(i, "events", "'" + event + "' is not an event; one of " + String.join(", ", NotificationsConfig.EVENTS)));
                }
            }
        }

        private static void email(int i, NotificationTarget target, List<Problem> problems) {
            if (target.getHost().isEmpty()) {
                problems.add(new Problem(i, "host", "is not set; an email target needs its SMTP server (such as smtp.example.com)"));
            }
            if (target.getTo().isEmpty()) {
                problems.add(new Problem(i, "to", "is empty; an email target needs the addresses to mail (such as [ops@example.com])"));
            }
            if (target.getFrom().isEmpty()) {
                problems.add(new Problem(i, "from", "is not set; an email target needs the sender's address (such as mooring@example.com)"));
            }
            if (!List.of("none", "starttls", "tls").contains(target.getTls())) {
                problems.add(new Problem(i, "tls", "'" + target.getTls() + "' is not a TLS mode; one of none, starttls, tls"));
            }
            if (target.getUrl().isPresent() || target.getUrlFile().isPresent()) {
                problems.add(new Problem(i, "url", "is not used by an email target; give host, port, from and to instead"));
            }
        }

        /** What is wrong with {@code text} as an http(s) URL, showing no more of it than its scheme and host. */
        private static Optional<String> httpUrl(String text) {
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme();
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return Optional.empty();
                }
                return Optional.of("is not an http:// or https:// URL (scheme '" + scheme + "')");
            } catch (java.net.URISyntaxException e) {
                return Optional.of("is not a URL (it does not parse at index " + e.getIndex() + ")");
            }
        }
    }
}
