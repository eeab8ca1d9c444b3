package io.mooring.render;

import io.mooring.model.ComposeResources;
import io.mooring.model.ComposeUnits;
import io.mooring.model.ContainerOptions;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Problem;
import io.mooring.model.ServiceDefinition;
import io.mooring.model.ServiceOptions;
import io.mooring.model.SubnetPool;
import io.mooring.model.Template;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Fills in and checks a service's {@link ServiceOptions} for one host: each value is parsed once its variables are
 * filled in, and a problem is reported where the value is written. The host-facing checks are {@link
 * io.mooring.model.Guardrails}'; the spec hash names each option ({@link #describe}).
 */
final class OptionsRenderer {
    private static final Map<String, String> TEXT = Map.of(
            "hostname", "[A-Za-z0-9]([A-Za-z0-9.-]{0,62})",
            "domainname", "[A-Za-z0-9]([A-Za-z0-9.-]{0,252})",
            "user", "[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?",
            "working_dir", "/[^\\x00-\\x1f]{0,1023}",
            "stop_signal", "SIG[A-Z0-9+-]{1,16}|[0-9]{1,2}",
            "platform", "[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?",
            "pull_policy", "always|never|missing|if_not_present|daily|weekly",
            // The others ship logs from the engine, on the host's network and with its credentials, wherever a tenant says.
            "logging.driver", "json-file|local|journald|none");
    private static final String LOGGING_OPTIONS = "max-size|max-file|compress|mode|max-buffer-size|labels|labels-regex|env|env-regex|tag";
    private static final Set<String> BYTES = Set.of("shm_size", "mem_limit", "mem_reservation", "memswap_limit");
    private static final Set<String> FLAGS = Set.of("init", "read_only", "tty", "stdin_open");
    private static final Map<String, String> LISTS = Map.of(
            "dns", "[0-9.]{7,15}|[0-9a-fA-F:]{2,39}",
            "dns_search", "[A-Za-z0-9.-]{1,253}",
            "dns_opt", "[a-z0-9_-]{1,32}(:[0-9]{1,4})?",
            "expose", "[0-9]{1,5}(-[0-9]{1,5})?(/(tcp|udp|sctp))?",
            "cap_drop", io.mooring.model.Guardrails.CAPABILITY_NAME);

    private final String tenant;
    private final ServiceDefinition service;
    private final Map<String, String> vars;
    private final List<Problem> problems;

    OptionsRenderer(String tenant, ServiceDefinition service, Map<String, String> vars, List<Problem> problems) {
        this.tenant = tenant;
        this.service = service;
        this.vars = vars;
        this.problems = problems;
    }

    ContainerOptions render(ComposeResources resources) {
        ServiceOptions options = service.options();
        String where = "services." + service.name() + ".";
        if (!SwarmServices.swarm(vars)) {
            problems.addAll(SwarmDeploy.refusedOnOneHost(service, vars));
        }
        TreeMap<String, String> text = new TreeMap<>();
        TEXT.forEach((key, pattern) -> value(options.value(key), where + key, v -> {
            if (!v.matches(pattern)) {
                throw new IllegalArgumentException("'" + shorten(v) + "' is not " + (pattern.contains("|") && !pattern.contains("[")
                        ? "one of " + pattern.replace("|", ", ") : "valid here"));
            }
            return v;
        }, text, key));
        Template name = options.value("container_name");
        value(name, where + "container_name", v -> {
            if (!v.equals(tenant + "-" + service.name())) {
                throw new IllegalArgumentException("'" + shorten(v) + "': Mooring names each container <tenant>-<service>, here "
                        + tenant + "-" + service.name() + ", to find and replace it; remove container_name (the service's name"
                        + " " + service.name() + " still finds it on the network)");
            }
            return v;
        }, new TreeMap<>(), "container_name");
        TreeMap<String, Long> numbers = new TreeMap<>();
        BYTES.forEach(key -> value(options.value(key), where + key, ComposeUnits::bytes, numbers, key));
        value(options.value("cpus"), where + "cpus", ComposeUnits::nanoCpus, numbers, "nano_cpus");
        // Checked only: one engine has no CPU reservation (Compose leaves it to Swarm too).
        value(options.value("cpu_reservation"), where + "deploy.resources.reservations.cpus", ComposeUnits::nanoCpus, new TreeMap<>(), "");
        value(options.value("pids_limit"), where + "pids_limit", v -> ComposeUnits.whole(v, -1, 4_194_304), numbers, "pids_limit");
        value(options.value("stop_grace_period"), where + "stop_grace_period", v -> ComposeUnits.duration(v).toSeconds(), numbers,
                "stop_grace_period");
        TreeMap<String, Boolean> flags = new TreeMap<>();
        FLAGS.forEach(key -> value(options.value(key), where + key, ComposeUnits::bool, flags, key));
        TreeMap<String, List<String>> lists = new TreeMap<>();
        LISTS.forEach((key, pattern) -> list(options.list(key), where + key, pattern, lists, key));
        list(options.list("security_opt"), where + "security_opt", "[^\\x00-\\x1f]{1,256}", lists, "security_opt");
        TreeMap<String, SortedMap<String, String>> maps = new TreeMap<>();
        map("sysctls", options.map("sysctls"), where, "[^\\x00-\\x1f]{0,256}", maps);
        map("ulimits", options.map("ulimits"), where, "(-1|[0-9]{1,19}):(-1|[0-9]{1,19})", maps);
        map("logging.options", options.map("logging.options"), where, "[^\\x00-\\x1f]{0,1024}", maps);
        options.map("logging.options").forEach((option, value) -> {
            if (!option.matches(LOGGING_OPTIONS)) {
                problems.add(new Problem(value.location(), where + "logging.options." + option + " is not an option of the json-file,"
                        + " local or journald drivers (" + LOGGING_OPTIONS.replace("|", ", ") + ")"));
            }
        });
        tmpfs(options.list("tmpfs"), where + "tmpfs", maps);
        List<String> entrypoint = options.lists().containsKey("entrypoint") ? expandAll(options.list("entrypoint")) : null;
        return new ContainerOptions(entrypoint, text, numbers, flags, lists, maps, networks(options, resources, where),
                files(options, resources), new TreeMap<>());
    }

    private <T> void value(Template template, String what, Function<String, T> parse, Map<String, T> into, String key) {
        if (template == null) {
            return;
        }
        String value = expand(template);
        if (value == null) {
            return;
        }
        try {
            into.put(key, parse.apply(value));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(template.location(), what + ": " + e.getMessage()));
        }
    }

    private void list(List<Template> templates, String what, String pattern, Map<String, List<String>> into, String key) {
        List<String> values = new ArrayList<>();
        for (Template template : templates) {
            String v = expand(template);
            if (v != null && !v.matches(pattern)) {
                problems.add(new Problem(template.location(), what + ": '" + shorten(v) + "' is not valid here"));
            } else if (v != null) {
                values.add(v);
            }
        }
        if (!values.isEmpty()) {
            into.put(key, values);
        }
    }

    private void map(String key, Map<String, Template> templates, String where, String pattern, Map<String, SortedMap<String, String>> into) {
        TreeMap<String, String> values = new TreeMap<>();
        templates.forEach((name, template) -> value(template, where + key + "." + name, v -> {
            if (!v.matches(pattern)) {
                throw new IllegalArgumentException("'" + shorten(v) + "' is not valid here"
                        + (key.equals("ulimits") ? "; write a number, or {soft: n, hard: m}" : ""));
            }
            if (key.equals("ulimits") && !v.startsWith("-1") && !v.endsWith(":-1")
                    && Long.parseUnsignedLong(v.split(":")[0]) > Long.parseUnsignedLong(v.split(":")[1])) {
                throw new IllegalArgumentException("the soft limit is above the hard one");
            }
            return v;
        }, values, name));
        if (!values.isEmpty()) {
            into.put(key, values);
        }
    }

    /** tmpfs as {@code /path} or {@code /path:size=64m,mode=1777}. */
    private void tmpfs(List<Template> templates, String what, Map<String, SortedMap<String, String>> into) {
        TreeMap<String, String> mounts = new TreeMap<>();
        for (Template template : templates) {
            value(template, what, v -> {
                int colon = v.indexOf(':');
                String path = colon < 0 ? v : v.substring(0, colon);
                String opts = colon < 0 ? "" : v.substring(colon + 1);
                if (!path.matches("/[A-Za-z0-9_./@+-]{0,1023}") || !opts.matches("((size=[0-9]+[kmg]?|mode=[0-7]{3,4}|uid=[0-9]+|gid=[0-9]+"
                        + "|noexec|exec|nosuid|nodev|ro|rw)(,|$))*")) {
                    throw new IllegalArgumentException("'" + shorten(v) + "' is not a tmpfs like /run or /tmp:size=64m,mode=1777");
                }
                VolumeMount.containerPath(path); // a '..' is refused here
                return opts;
            }, mounts, pathOf(template));
        }
        if (!mounts.isEmpty()) {
            into.put("tmpfs", mounts);
        }
    }

    private String pathOf(Template template) {
        String v = expandQuietly(template);
        String path = v == null ? "" : v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
        try {
            return path.startsWith("/") ? VolumeMount.containerPath(path) : path;
        } catch (IllegalArgumentException e) {
            return path; // refused where the value is checked
        }
    }

    private List<ContainerOptions.NetworkAttachment> networks(ServiceOptions options, ComposeResources resources, String where) {
        List<ContainerOptions.NetworkAttachment> attached = new ArrayList<>();
        for (ServiceOptions.NetworkRef ref : options.networks()) {
            ComposeResources.NetworkSpec spec = resources.networks().get(ref.name());
            List<String> aliases = expandAll(ref.aliases());
            for (String alias : aliases) {
                if (!alias.matches("[A-Za-z0-9]([A-Za-z0-9_.-]{0,62})")) {
                    problems.add(new Problem(ref.location(), where + "networks." + ref.name() + ".aliases: '" + shorten(alias)
                            + "' is not a host name"));
                }
            }
            String address = ref.ipv4Address() == null ? "" : expand(ref.ipv4Address());
            if (address != null && !address.isEmpty() && (spec == null || spec.subnet().isEmpty() || !SubnetPool.holds(spec.subnet(), address))) {
                problems.add(new Problem(ref.ipv4Address().location(), where + "networks." + ref.name() + ".ipv4_address " + shorten(address)
                        + ": " + (spec == null || spec.subnet().isEmpty() ? "a fixed address needs the network's subnet declared"
                        + " (networks." + ref.name() + ".ipam.config: [{subnet: ...}])" : "not an address of the subnet " + spec.subnet())));
            }
            String engineName = ComposeResources.networkName(tenant, spec == null ? ComposeResources.DEFAULT_NETWORK : spec.name());
            attached.add(new ContainerOptions.NetworkAttachment(engineName, ref.name(), aliases, address == null ? "" : address,
                    spec != null && spec.internal(), spec == null ? "" : spec.subnet(), spec == null ? "" : spec.gateway(),
                    spec == null ? new java.util.TreeMap<>() : spec.labels()));
        }
        return attached;
    }

    private List<ContainerOptions.FileMount> files(ServiceOptions options, ComposeResources resources) {
        List<ContainerOptions.FileMount> mounts = new ArrayList<>();
        for (ServiceOptions.FileRef ref : options.files()) {
            ComposeResources.FileSource source = (ref.secret() ? resources.secrets() : resources.configs()).get(ref.source());
            if (source != null) {
                mounts.add(new ContainerOptions.FileMount(ref.secret(), ref.source(), ref.target(), ref.mode(), ref.uid(), ref.gid(),
                        source));
            }
        }
        return mounts;
    }

    private List<String> expandAll(List<Template> templates) {
        List<String> values = new ArrayList<>();
        templates.forEach(t -> {
            String v = expand(t);
            if (v != null) {
                values.add(v);
            }
        });
        return values;
    }

    private String expand(Template template) {
        try {
            return template.expand(vars);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private String expandQuietly(Template template) {
        try {
            return template.expand(vars);
        } catch (InvalidConfigException e) {
            return null;
        }
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
