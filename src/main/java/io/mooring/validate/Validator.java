package io.mooring.validate;

import io.mooring.certs.CustomCertificate;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.Host;
import io.mooring.model.InvalidConfigException;
import io.mooring.model.Location;
import io.mooring.model.Problem;
import io.mooring.model.Revision;
import io.mooring.model.TenantConfig;
import io.mooring.render.Renderer;
import io.mooring.render.SwarmServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code mooring validate} checks, the same checks the agent makes before it applies a revision: every
 * file read, every host of every tenant rendered, the guardrails applied. Nothing is started or pulled.
 */
public final class Validator {
    private static final Revision UNCOMMITTED = new Revision("0000000000000000000000000000000000000000", "(validate)");

    private Validator() {
    }

    /**
     * One tenant's outcome: what each host would run, or every problem found; what deserves a look without making
     * the tenant invalid (a key written twice in its inventory); {@code config} is what it was rendered from (null
     * when it could not be), for problems found across tenants to point at the line that caused them.
     */
    public record Result(String tenant, Map<String, DesiredState> hosts, List<Problem> problems, List<Problem> warnings,
                         TenantConfig config) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public Result(String tenant, Map<String, DesiredState> hosts, List<Problem> problems) {
            this(tenant, hosts, problems, List.of(), null);
        }

        /** This result with more problems. */
        Result with(List<Problem> more) {
            List<Problem> all = new ArrayList<>(problems);
            all.addAll(more);
            return more.isEmpty() ? this : new Result(tenant, hosts, all, warnings, config);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Validates one tenant of the tree: {@code instances/<tenant>/}, or the root of a single-tenant repository. */
    public static Result tenant(ConfigTree tree, String tenant, Guardrails guardrails) {
        Set<Problem> problems = new LinkedHashSet<>();
        try {
            TenantConfig config = TenantLoader.load(tree, tenant);
            Map<String, DesiredState> hosts = Renderer.renderAll(config, UNCOMMITTED, guardrails);
            if (SwarmServices.swarm(config.inventory())) {
                SwarmServices.render(config, UNCOMMITTED, guardrails); // what a Swarm service cannot do, refused as the agent would
            }
            problems.addAll(customCertificates(tree, tenant, config));
            if (!problems.isEmpty()) {
                return new Result(tenant, Map.of(), new ArrayList<>(problems), List.of(), config);
            }
            List<Problem> warnings = new ArrayList<>(config.inventory().warnings());
            warnings.addAll(PlaintextSecrets.warnings(config.inventory()));
            return new Result(tenant, hosts, List.of(), warnings, config);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(null);
        return new Result(tenant, Map.of(), sorted);
    }

    /** Each host's own certificate ({@code certs: custom}) checked as the agent checks it before applying. */
    private static List<Problem> customCertificates(ConfigTree tree, String tenant, TenantConfig config) {
        Set<Problem> problems = new LinkedHashSet<>();
        for (Host host : config.inventory().hostMap().values()) {
            String certs = host.vars().getOrDefault("certs", "");
            if (!certs.contains("{{") && !CustomCertificate.kind(host).equals("custom")) {
                continue; // filling in the host's values costs more than the rest of its validation
            }
            Host filled = Renderer.withValues(config.inventory(), host, List.of("certs", "fqdn", "cert_file_name", "ssl_cert_file_name",
                    "key_file_name", "ssl_key_file_name"));
            if (CustomCertificate.kind(filled).equals("custom")) {
                problems.addAll(CustomCertificate.read(tree, TenantLoader.folderOf(tree, tenant), filled, Instant.now()).problems());
            }
        }
        return new ArrayList<>(problems);
    }

    /**
     * A problem as editors and CI annotations read it: {@code file:line:col: message}, the file under the
     * folder that was validated; a problem of a whole file is put at its first line.
     */
    public static String format(String prefix, Problem problem) {
        String file = problem.location().file();
        String shown = file.startsWith("(") ? file : prefix + file;
        int line = Math.max(problem.location().line(), 1);
        int column = Math.max(problem.location().column(), 1);
        return shown + ":" + line + ":" + column + ": " + problem.message();
    }

    /** Validates every tenant under instances/; a repository without tenant folders is a problem itself. */
    public static List<Result> repository(ConfigTree tree, Guardrails guardrails) {
        List<String> tenants = TenantLoader.tenants(tree);
        if (tenants.isEmpty()) {
            return List.of(new Result("", Map.of(), List.of(new Problem(Location.of(TenantLoader.INSTANCES),
                    "no tenant folders: a repository holds instances/<tenant>/inventory.yml, or inventory.yml at its root"))));
        }
        // Tenants are rendered independently, each core taking its share; only their container names and host ports meet.
        return PortCollisions.check(NameCollisions.check(tenants.parallelStream().map(t -> tenant(tree, t, guardrails)).toList()));
    }
}
