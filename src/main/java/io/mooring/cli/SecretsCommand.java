package io.mooring.cli;

import io.dropwizard.core.setup.Bootstrap;
import io.mooring.inventory.AgeRecipients;
import io.mooring.inventory.DecryptingTree;
import io.mooring.model.SecretDecryptor;
import io.mooring.wiring.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import java.util.function.Supplier;

/**
 * {@code mooring secrets encrypt|edit FILE}: age-encrypted files for a tenant folder. The recipients are those of
 * {@code --recipients}, or of the nearest {@code .age-recipients} at or above the file; {@code edit} decrypts with
 * {@code --identity} or the agent's {@code --config}. One class per verb ({@link SecretsEncrypt}, {@link SecretsEdit}).
 */
public final class SecretsCommand extends MooringCommand<SecretsCommand.Options> {
    /** The verb's file, the recipients to encrypt to (empty when none could be found) and the decryptor ({@code edit}). */
    record Options(String action, Path file, List<String> recipients, Optional<SecretDecryptor> decryptor) {
    }

    public SecretsCommand() {
        super("secrets", "Encrypt a tenant's file with age, or edit an encrypted one");
    }

    @Override
    public void configure(Subparser parser) {
        Subparsers actions = parser.addSubparsers().dest("action").title("actions");
        Subparser encrypt = actions.addParser("encrypt").help("write FILE.age, FILE encrypted to the recipients");
        encrypt.addArgument("file").metavar("FILE").help("the plain file, e.g. instances/acme/secrets.yml");
        recipients(encrypt);
        Subparser edit = actions.addParser("edit").help("decrypt FILE.age to a private file on a tmpfs, run $EDITOR, re-encrypt");
        edit.addArgument("file").metavar("FILE.age").help("the encrypted file; a new one is started empty");
        recipients(edit);
        edit.addArgument("--identity").metavar("FILE").help("the age identity file to decrypt with (age-keygen's)");
        AgentFile.option(edit);
    }

    private static void recipients(Subparser parser) {
        parser.addArgument("--recipients").metavar("age1...,age1...")
                .help("the public keys to encrypt to (default: those of the nearest " + DecryptingTree.RECIPIENTS + " at or above FILE)");
    }

    @Override
    protected Options options(Supplier<Bootstrap<?>> bootstrap, Namespace namespace) throws IOException {
        String action = namespace.getString("action");
        Path file = Path.of(namespace.getString("file"));
        List<String> recipients = recipients(namespace.getString("recipients"), file);
        Optional<SecretDecryptor> decryptor = Optional.empty();
        if (action.equals("edit")) {
            String identity = namespace.getString("identity");
            try {
                decryptor = Optional.of(identity != null ? Secrets.decryptor(Optional.of(Path.of(identity)), "--identity")
                        : Secrets.decryptor(AgentFile.load(bootstrap, namespace)));
            } catch (IllegalArgumentException e) {
                throw new UsageError("mooring secrets edit: " + e.getMessage());
            }
        }
        return new Options(action, file, recipients, decryptor);
    }

    /** The option's keys, checked; without it, the nearest recipients file's; empty when there is neither. */
    static List<String> recipients(String option, Path file) throws IOException {
        if (option != null) {
            List<String> keys = Arrays.stream(option.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
            List<String> invalid = AgeRecipients.invalid(String.join("\n", keys));
            if (!invalid.isEmpty() || keys.isEmpty()) {
                throw new UsageError("mooring secrets: --recipients must be age public keys (age1..., comma-separated); not: " + invalid);
            }
            return keys;
        }
        Optional<Path> found = recipientsFile(file);
        if (found.isEmpty()) {
            return List.of();
        }
        String text = Files.readString(found.get());
        if (!AgeRecipients.invalid(text).isEmpty()) {
            throw new UserError("mooring secrets: " + found.get() + " holds lines that are not age public keys: "
                    + AgeRecipients.invalid(text) + "; one age1... key a line, # comments");
        }
        return AgeRecipients.parse(text);
    }

    /** The nearest {@code .age-recipients} in the file's folder or above. */
    static Optional<Path> recipientsFile(Path file) {
        for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DecryptingTree.RECIPIENTS);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static UsageError noRecipients(Path file) {
        return new UsageError("mooring secrets: no recipients for " + file + ": give --recipients age1...,age1... or write the"
                + " public keys of the nodes and people who decrypt it, one a line, into " + DecryptingTree.RECIPIENTS
                + " in the tenant folder or the repository root");
    }

    @Override
    protected void run(Options options) throws Exception {
        if (options.action().equals("encrypt")) {
            SecretsEncrypt.run(options);
        } else {
            SecretsEdit.run(options);
        }
    }
}
