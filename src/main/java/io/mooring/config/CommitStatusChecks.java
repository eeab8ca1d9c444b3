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
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code commitStatus:} block's own checks, each violation naming its field: a known provider, a token file, an
 * {@code http(s)://} API and page URL without credentials in them, a repository of the provider's form; and no field set
 * without a provider, since the block is off then. Whether {@code api} and {@code repository} can be derived from the
 * agent's {@code repo} when left out is checked by the configuration, which knows {@code repo}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Constraint(validatedBy = CommitStatusChecks.Validator.class)
public @interface CommitStatusChecks {
    String message() default "is not a usable commitStatus block";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Says what is wrong, and with which field, in each violation's message. */
    class Validator implements ConstraintValidator<CommitStatusChecks, CommitStatusConfig> {
        private static final String OWNER_NAME = "[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+";
        private static final String GITLAB_PATH = "[0-9]+|[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+";

        @Override
        public boolean isValid(CommitStatusConfig block, ConstraintValidatorContext context) {
            if (block == null) {
                return true;
            }
            List<String[]> problems = problems(block);
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

        /** Each problem as its field and what to do. */
        static List<String[]> problems(CommitStatusConfig block) {
            List<String[]> problems = new ArrayList<>();
            if (!block.enabled()) {
                if (block.getApi().isPresent() || block.getRepository().isPresent() || block.getTokenFile() != null
                        || block.getPageUrl().isPresent()) {
                    problems.add(new String[] {"provider", "is not set, so the commitStatus block is off; set it (github, gitlab,"
                            + " gitea or forgejo) or remove the block"});
                }
                return problems;
            }
            String provider = block.getProvider();
            if (!List.of(CommitStatusConfig.GITHUB, CommitStatusConfig.GITLAB, CommitStatusConfig.GITEA).contains(provider)) {
                problems.add(new String[] {"provider", "'" + provider + "' is not a provider Mooring posts statuses to: github, gitlab,"
                        + " gitea or forgejo"});
                return problems;
            }
            if (block.getTokenFile() == null || block.getTokenFile().isBlank()) {
                problems.add(new String[] {"tokenFile", "is not set: name a file holding an access token allowed to post"
                        + " commit statuses"});
            }
            block.getApi().flatMap(api -> url(api, "the host's API base URL (such as " + example(provider) + ")"))
                    .ifPresent(p -> problems.add(new String[] {"api", p}));
            block.getPageUrl().flatMap(page -> url(page.replace("{tenant}", "tenant"), "the link each status carries (such as https://mooring.example.com/)"))
                    .ifPresent(p -> problems.add(new String[] {"pageUrl", p}));
            block.getRepository().flatMap(repository -> repository(provider, repository))
                    .ifPresent(p -> problems.add(new String[] {"repository", p}));
            return problems;
        }

        static Optional<String> repository(String provider, String repository) {
            if (provider.equals(CommitStatusConfig.GITLAB)) {
                return repository.matches(GITLAB_PATH) ? Optional.empty()
                        : Optional.of("'" + repository + "' is neither a GitLab project path (group/name, group/subgroup/name) nor its numeric id");
            }
            return repository.matches(OWNER_NAME) ? Optional.empty() : Optional.of("'" + repository + "' is not owner/name");
        }

        static Optional<String> url(String text, String what) {
            String expected = " is not an http:// or https:// URL without credentials: " + what;
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean ok = (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getUserInfo() == null
                        && uri.getRawQuery() == null;
                return ok ? Optional.empty() : Optional.of("'" + text + "'" + expected);
            } catch (URISyntaxException e) {
                return Optional.of("'" + text + "'" + expected);
            }
        }

        private static String example(String provider) {
            return switch (provider) {
                case CommitStatusConfig.GITLAB -> "https://gitlab.example.com/api/v4";
                case CommitStatusConfig.GITEA -> "https://gitea.example.com/api/v1";
                default -> "https://api.github.com";
            };
        }
    }
}
