package io.mooring.render;

import io.mooring.model.ComposeUnits;
import io.mooring.model.HealthCheck;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.SwarmRestart;
import io.mooring.model.SwarmUpdate;
import io.mooring.model.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A service's {@code deploy} keys that only Docker Swarm reads ({@link ServiceOptions#SWARM_KEYS}): on a single-host
 * tenant each is refused where it is written, saying how to use it; on a Swarm tenant each is filled in for the host
 * the service is rendered with and checked where it is written.
 */
final class SwarmDeploy {
    static final String HINT = " is for Docker Swarm: set mooring_engine: swarm in the tenant's inventory to deploy the tenant as"
            + " Swarm services, or remove it";
    /** Docker's own health check timings, when the check leaves them unset. */
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int RETRIES = 3;
    /** How long a task without a health check is watched after an update before it counts as started. */
    static final Duration UNCHECKED_MONITOR = Duration.ofSeconds(10);

    private final ServiceDefinition service;
    private final Map<String, String> vars;
    private final List<Problem> problems;
    private final String where;

    SwarmDeploy(ServiceDefinition service, Map<String, String> vars, List<Problem> problems) {
        this.service = service;
        this.vars = vars;
        this.problems = problems;
        this.where = "services." + service.name() + ".";
    }

    /** On a single-host tenant: each Swarm key refused where it is written; {@code replicas: 1} is what one host runs. */
    static List<Problem> refusedOnOneHost(ServiceDefinition service, Map<String, String> vars) {
        List<Problem> refused = new ArrayList<>();
        String where = "services." + service.name() + ".";
        for (String key : ServiceOptions.SWARM_KEYS) {
            Template written = service.options().value(key);
            if (written == null) {
                continue;
            }
            if (key.equals("deploy.replicas")) {
                String count = Renderer.attempt(refused, () -> written.expand(vars));
                if (count != null && !count.strip().equals("1")) {
                    refused.add(new Problem(written.location(), where + key + ": " + shorten(count) + " containers of one service are"
                            + " refused on one host; set mooring_engine: swarm in the tenant's inventory to deploy the tenant as Swarm"
                            + " services of as many tasks, or ask for 1"));
                }
            } else {
                refused.add(new Problem(written.location(), where + key + HINT
                        + (key.equals("deploy.restart_policy") ? "; on one host, write restart: on the service" : "")));
            }
        }
        return refused;
    }

    /** {@code deploy.replicas}, 1 unless written. */
    int replicas() {
        return get("deploy.replicas", v -> (int) ComposeUnits.whole(v, 0, Integer.MAX_VALUE), 1);
    }

    /** {@code deploy.placement.constraints} as Swarm writes them: {@code node.labels.zone==a}, {@code node.role!=manager}. */
    List<String> constraints() {
        List<String> constraints = new ArrayList<>();
        for (Template written : service.options().list("deploy.placement.constraints")) {
            String value = Renderer.attempt(problems, () -> written.expand(vars));
            if (value == null) {
                continue;
            }
            String constraint = value.strip();
            if (!constraint.matches("(node\\.(id|hostname|role|platform\\.os|platform\\.arch|labels\\.[A-Za-z0-9_.-]{1,128})"
                    + "|engine\\.labels\\.[A-Za-z0-9_.-]{1,128})\\s*(==|!=)\\s*[^\\s=!][^\\x00-\\x1f]{0,255}")) {
                problems.add(new Problem(written.location(), where + "deploy.placement.constraints: '" + shorten(constraint) + "' is not"
                        + " a Swarm constraint such as node.labels.zone==a, node.hostname!=db-1 or node.role==worker"));
            } else {
                constraints.add(constraint.replaceAll("\\s*(==|!=)\\s*", "$1"));
            }
        }
        return constraints;
    }

    /** {@code deploy.update_config}, each field unset Mooring's default (the monitor long enough for the health check). */
    SwarmUpdate update(HealthCheck health) {
        // Not continue: a failed update would then complete, and the pass could not tell the tenant's tasks fail.
        SwarmUpdate update = policy("deploy.update_config.", SwarmUpdate.defaults(monitor(health)), "rollback|pause");
        Template rollback = service.options().value("deploy.rollback_config");
        if (rollback != null) {
            // Mooring rolls a service back as it rolled it out: a policy of its own would be a second one to keep.
            SwarmUpdate back = policy("deploy.rollback_config.", new SwarmUpdate(update.parallelism(), update.delay(), update.order(),
                    "pause", update.monitor(), update.maxFailureRatio()), "pause");
            if (back.parallelism() != update.parallelism() || !back.delay().equals(update.delay()) || !back.order().equals(update.order())
                    || !back.monitor().equals(update.monitor()) || back.maxFailureRatio() != update.maxFailureRatio()) {
                problems.add(new Problem(rollback.location(), where + "deploy.rollback_config: Mooring rolls a service back as it"
                        + " rolls it out (deploy.update_config); a rollback policy of its own is not supported yet: make its"
                        + " parallelism, delay, order, monitor and max_failure_ratio those of update_config, or remove it"));
            }
        }
        return update;
    }

    /** {@code deploy.restart_policy}; unset, {@code restart:} as Swarm reads it, else Swarm's default (any). */
    SwarmRestart restart() {
        String p = "deploy.restart_policy.";
        SwarmRestart fallback = SwarmRestart.DEFAULT;
        if (service.options().value("deploy.restart_policy") == null && service.keys().containsKey("restart")) {
            fallback = new SwarmRestart(switch (service.restart()) {
                case "no" -> "none";
                case "on-failure" -> "on-failure";
                default -> "any";
            }, fallback.delay(), fallback.maxAttempts(), fallback.window());
        }
        return new SwarmRestart(get(p + "condition", v -> oneOf(v, "none|on-failure|any"), fallback.condition()),
                get(p + "delay", ComposeUnits::duration, fallback.delay()),
                get(p + "max_attempts", v -> (int) ComposeUnits.whole(v, 0, Integer.MAX_VALUE), fallback.maxAttempts()),
                get(p + "window", ComposeUnits::duration, fallback.window()));
    }

    /**
     * How long a new task is watched: long enough for its health check to say healthy or not (start period, then each
     * retry's interval, and the last one's timeout); {@link #UNCHECKED_MONITOR} without a health check.
     */
    static Duration monitor(HealthCheck health) {
        if (health == null || health.disabled()) {
            return UNCHECKED_MONITOR;
        }
        Duration interval = health.interval() == null ? INTERVAL : health.interval();
        Duration timeout = health.timeout() == null ? TIMEOUT : health.timeout();
        int retries = health.retries() == null ? RETRIES : health.retries();
        Duration start = health.startPeriod() == null ? Duration.ZERO : health.startPeriod();
        return start.plus(interval.multipliedBy(retries)).plus(timeout);
    }

    private SwarmUpdate policy(String p, SwarmUpdate defaults, String actions) {
        return new SwarmUpdate(get(p + "parallelism", v -> (int) ComposeUnits.whole(v, 0, 1_000_000), defaults.parallelism()),
                get(p + "delay", ComposeUnits::duration, defaults.delay()),
                get(p + "order", v -> oneOf(v, "start-first|stop-first"), defaults.order()),
                get(p + "failure_action", v -> oneOf(v, actions), defaults.failureAction()),
                get(p + "monitor", ComposeUnits::duration, defaults.monitor()),
                get(p + "max_failure_ratio", SwarmDeploy::ratio, defaults.maxFailureRatio()));
    }

    /** The value written under {@code key}, filled in and parsed, or {@code fallback} when unset (or refused, with the problem noted). */
    private <T> T get(String key, Function<String, T> parse, T fallback) {
        Template written = service.options().value(key);
        if (written == null) {
            return fallback;
        }
        try {
            return parse.apply(written.expand(vars).strip());
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(written.location(), where + key + ": " + e.getMessage()));
        }
        return fallback;
    }

    private static String oneOf(String value, String choices) {
        if (!value.matches(choices)) {
            throw new IllegalArgumentException("'" + shorten(value) + "' is not " + (choices.contains("|") ? "one of "
                    + choices.replace("|", ", ") : choices));
        }
        return value;
    }

    private static double ratio(String value) {
        try {
            double ratio = Double.parseDouble(value);
            if (ratio >= 0 && ratio <= 1 && value.matches("[0-9.]{1,12}")) {
                return ratio;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + shorten(value) + "' is not a share of the tasks from 0 to 1, such as 0.2");
    }

    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
