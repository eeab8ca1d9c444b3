package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.inventory.DecryptingTree;
import io.mooring.inventory.TenantImport;
import io.mooring.model.Guardrails;
import io.mooring.model.Problem;
import io.mooring.model.SecretDecryptor;
import io.mooring.source.FileTree;
import io.mooring.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import java.util.function.Supplier;

/**
 * {@code mooring import PATH --into REPO}: a deploy-tool inventory turned into tenant folders for review. A
 * multi-tenant file becomes one {@code instances/<tenant_id>/inventory.yml} per tenant, an INI file becomes YAML,
 * a single-tenant file is copied as the tenant {@code --tenant} names. Everything is checked before anything is
 * written, an existing tenant folder is never overwritten, and each new folder is validated once written. Prints
 * what was written and where plaintext secrets are (names, never values). Exit 0 written and valid, 1 refused or
 * written with problems, 2 usage.
 */
public final class ImportCommand extends MooringCommand<ImportCommand.Options> {
    record Options(Path file, Path repo, Optional<String> tenant, Optional<ImportSecrets> secrets) {
        static Options from(Namespace namespace) throws IOException {
            String recipients = namespace.getString("recipients");
            return new Options(Path.of(namespace.getString("path")), Path.of(namespace.getString("into")),
                    Optional.ofNullable(namespace.getString("tenant")), recipients == null ? Optional.empty()
                    : Optional.of(new ImportSecrets(SecretsCommand.recipients(recipients, Path.of(namespace.getString("path"))))));
        }
    }

    public ImportCommand() {
        super("import", "Turn a deploy-tool inventory (multi-tenant, INI or single-tenant) into tenant folders");
    }

    @Override
    public void configure(Subparser parser) {
        parser.addArgument("path").metavar("PATH").help("the deploy tool's inventory file (YAML or INI)");
        parser.addArgument("--into").metavar("REPO").required(true).help("the config repository to write instances/<tenant>/ into");
        parser.addArgument("--tenant").metavar("NAME").help("the tenant of a single-tenant inventory (required for one)");
        parser.addArgument("--recipients").metavar("age1...,age1...")
                .help("move the variables named like secrets into each tenant's secrets.yml.age, encrypted to these public keys");
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) throws IOException {
        Options options = Options.from(namespace);
        if (!Files.isRegularFile(options.file())) {
            throw new UsageError("mooring import: " + options.file() + " is not a file");
        }
        return options;
    }

    @Override
    protected void run(Options options) throws IOException {
        byte[] bytes = Files.readAllBytes(options.file());
        List<TenantImport.Tenant> tenants = TenantImport.read(options.file().toString(), bytes, options.tenant());
        List<String> existing = new ArrayList<>();
        for (TenantImport.Tenant tenant : tenants) {
            Path folder = folder(options, tenant);
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                existing.add(folder.toString());
            }
        }
        if (!existing.isEmpty()) {
            throw new UserError("mooring import: " + String.join(", ", existing) + " already exist"
                    + (existing.size() == 1 ? "s" : "") + "; import never overwrites a tenant folder: remove it and run again; nothing written");
        }
        for (TenantImport.Tenant tenant : tenants) {
            Path folder = folder(options, tenant);
            Files.createDirectories(folder);
            String inventory = options.secrets().isPresent() ? options.secrets().get().write(folder, tenant.inventory()) : tenant.inventory();
            Files.writeString(folder.resolve("inventory.yml"), inventory, StandardCharsets.UTF_8);
            System.out.println("wrote " + folder.resolve("inventory.yml"));
        }
        List<String> problems = validate(options, tenants);
        if (options.secrets().isEmpty()) {
            printSecrets(tenants);
        }
        problems.forEach(System.err::println);
        if (!problems.isEmpty()) {
            throw new UserError("mooring import: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + " in the written folders (kept for you to fix); see above");
        }
    }

    private static Path folder(Options options, TenantImport.Tenant tenant) {
        return options.repo().resolve("instances").resolve(tenant.name());
    }

    private static List<String> validate(Options options, List<TenantImport.Tenant> tenants) {
        List<String> problems = new ArrayList<>();
        String prefix = options.repo().toString().endsWith("/") ? options.repo().toString() : options.repo() + "/";
        for (TenantImport.Tenant tenant : tenants) {
            Validator.Result result = Validator.tenant(DecryptingTree.of(new FileTree(options.repo()),
                    options.secrets().map(SecretDecryptor.class::cast).orElse(SecretDecryptor.NONE)), tenant.name(), Guardrails.defaults());
            for (Problem problem : result.problems()) {
                problems.add("tenant " + tenant.name() + ": " + Validator.format(prefix, problem));
            }
        }
        return problems;
    }

    private static void printSecrets(List<TenantImport.Tenant> tenants) {
        if (tenants.stream().allMatch(t -> t.secrets().isEmpty())) {
            return;
        }
        System.out.println("plaintext secrets (encrypt them: run again with --recipients age1..., or move them into secrets.yml.age"
                + " with `mooring secrets edit`):");
        for (TenantImport.Tenant tenant : tenants) {
            for (TenantImport.Secret secret : tenant.secrets()) {
                System.out.println("  " + tenant.name() + ": " + secret.name() + " at " + secret.where().file() + ":" + secret.where().line());
            }
        }
    }

    @Override
    protected String invalidRevision(Options options) {
        return "nothing written";
    }
}
