package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.inventory.DecryptingTree;
import io.mooring.inventory.TenantLoader;
import io.mooring.model.ConfigTree;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.Guardrails;
import io.mooring.model.Problem;
import io.mooring.model.SecretDecryptor;
import io.mooring.source.FileTree;
import io.mooring.validate.Validator;
import io.mooring.wiring.Secrets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * {@code mooring validate PATH...}: checks tenant folders or whole config repositories offline, exactly as
 * the agent would before applying them. Every problem is printed as {@code file:line:col: message}, and so is
 * every warning (a key written twice in an inventory, which does not make it invalid).
 * Exit 0 valid, 1 invalid, 2 usage.
 */
public final class ValidateCommand extends MooringCommand<ValidateCommand.Options> {
    record Options(List<String> paths, boolean quiet, SecretDecryptor decryptor) {
    }

    public ValidateCommand() {
        super("validate", "Check tenant folders or config repositories without applying anything");
    }

    @Override
    public boolean readsTenants() {
        return true;
    }

    @Override
    public void configure(Subparser parser) {
        parser.addArgument("paths").metavar("PATH").nargs("+")
                .help("a tenant folder (holding inventory.yml) or a config repository (holding instances/)");
        parser.addArgument("--quiet", "-q").action(Arguments.storeTrue()).help("print problems only");
        parser.addArgument("--identity").metavar("FILE")
                .help("an age identity file (age-keygen's) to decrypt the tenants' *.age files and secrets.yml.age with");
        AgentFile.option(parser);
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) {
        String identity = namespace.getString("identity");
        SecretDecryptor decryptor;
        try {
            decryptor = identity != null ? Secrets.decryptor(Optional.of(Path.of(identity)), "--identity")
                    : Secrets.decryptor(AgentFile.load(bootstrap, namespace));
        } catch (IllegalArgumentException e) {
            throw new UsageError("mooring validate: " + e.getMessage());
        }
        return new Options(namespace.getList("paths"), namespace.getBoolean("quiet"), decryptor);
    }

    @Override
    protected void run(Options options) {
        Guardrails guardrails = Guardrails.defaults();
        Set<String> problems = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        for (String argument : options.paths()) {
            Path path = Path.of(argument);
            String prefix = argument.endsWith("/") ? argument : argument + "/";
            for (Validator.Result result : validate(path, argument, guardrails, options.decryptor())) {
                for (Problem problem : result.problems()) {
                    problems.add(Validator.format(prefix, problem));
                }
                for (Problem warning : result.warnings()) {
                    warnings.add(Validator.format(prefix, warning));
                }
                if (result.valid() && !options.quiet()) {
                    System.out.println(summary(argument, result));
                }
            }
        }
        warnings.forEach(System.err::println);
        problems.forEach(System.err::println);
        if (!problems.isEmpty()) {
            throw new UserError("mooring: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "; nothing in an invalid tenant would be applied");
        }
    }

    private static List<Validator.Result> validate(Path path, String argument, Guardrails guardrails, SecretDecryptor decryptor) {
        if (!Files.isDirectory(path)) {
            throw new UsageError("mooring validate: " + argument + " is not a folder");
        }
        ConfigTree tree = DecryptingTree.of(new FileTree(path), decryptor);
        if (Files.isDirectory(path.resolve("instances"), LinkOption.NOFOLLOW_LINKS)) {
            return Validator.repository(tree, guardrails);
        }
        if (Files.exists(path.resolve("inventory.yml"), LinkOption.NOFOLLOW_LINKS)) {
            return List.of(Validator.tenant(tree, tenantName(path), guardrails));
        }
        throw new UsageError("mooring validate: " + argument
                + " is neither a tenant folder (no inventory.yml) nor a config repository (no instances/)");
    }

    /** A lone tenant folder is named after itself when that makes a valid tenant name. */
    private static String tenantName(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        String folder = name == null ? "" : name.toString();
        return TenantLoader.isTenantName(folder) ? folder : "tenant";
    }

    private static String summary(String argument, Validator.Result result) {
        List<String> lines = new ArrayList<>();
        lines.add(argument + (result.tenant().isEmpty() ? "" : " (tenant " + result.tenant() + ")") + ": valid");
        for (Map.Entry<String, DesiredState> host : result.hosts().entrySet()) {
            List<String> components = host.getValue().containers().stream().map(DesiredContainer::component).toList();
            lines.add("  " + host.getKey() + ": " + (components.isEmpty() ? "(nothing)" : String.join(", ", components)));
        }
        return String.join("\n", lines);
    }
}
