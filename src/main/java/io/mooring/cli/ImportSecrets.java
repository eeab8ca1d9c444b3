package io.mooring.cli;

import io.mooring.crypto.AgeCrypto;
import io.mooring.inventory.DecryptingTree;
import io.mooring.inventory.SecretsImport;
import io.mooring.model.SecretDecryptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code mooring import --recipients} adds: each tenant's plaintext secrets moved into its {@code secrets.yml.age},
 * encrypted to the recipients (also written to its {@code .age-recipients}), and read back for validation by a
 * decryptor that knows only what was encrypted here (no identity is needed to import).
 */
final class ImportSecrets implements SecretDecryptor {
    private final List<String> recipients;
    private final Map<Path, byte[][]> written = new ConcurrentHashMap<>();

    ImportSecrets(List<String> recipients) {
        this.recipients = recipients;
    }

    /** The inventory to write into {@code folder}, its secrets moved out and written encrypted beside it. */
    String write(Path folder, String inventory) throws IOException {
        SecretsImport.Moved moved = SecretsImport.move(folder.resolve("inventory.yml").toString(), inventory);
        if (!moved.kept().isEmpty()) {
            System.out.println(folder + ": kept in inventory.yml (different values on different hosts or groups; move them by hand): "
                    + String.join(", ", moved.kept()));
        }
        if (moved.secrets().isEmpty()) {
            return moved.inventory();
        }
        byte[] plain = moved.secretsYaml().getBytes(StandardCharsets.UTF_8);
        byte[] sealed = AgeCrypto.encrypt(plain, recipients);
        Files.write(folder.resolve("secrets.yml" + DecryptingTree.SUFFIX), sealed);
        Files.writeString(folder.resolve(DecryptingTree.RECIPIENTS), "# whom this tenant's *.age files are encrypted to\n"
                + String.join("\n", recipients) + "\n");
        written.put(folder, new byte[][] {sealed, plain});
        System.out.println("wrote " + folder.resolve("secrets.yml.age") + " (" + String.join(", ", moved.secrets().keySet())
                + ", encrypted to " + recipients.size() + " recipient(s))");
        return moved.inventory();
    }

    @Override
    public byte[] decrypt(byte[] sealed, int maxBytes) throws Failure {
        return written.values().stream().filter(pair -> Arrays.equals(pair[0], sealed)).map(pair -> pair[1]).findFirst()
                .orElseThrow(() -> new Failure("was not written by this import; validate it with `mooring validate --identity FILE`"));
    }

    @Override
    public List<String> publicKeys() {
        return List.of();
    }
}
