package io.mooring.cli;

import io.mooring.inventory.SchemaMemory;
import io.mooring.wiring.Build;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files the schemas passed, remembered under the node's home ({@value #FILE}, 0600) between {@code apply} and
 * {@code plan} runs ({@link SchemaMemory}): the newest {@value #KEPT} keys, under a first line naming the build that
 * wrote them; another build's, or a file that is not one, is started afresh. Losing it costs only the schemas' compiling.
 */
final class SchemaVerdicts implements SchemaMemory.Store {
    static final String FILE = "schema-verdicts";
    static final int KEPT = 1000;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Path file;
    private final String header;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();
    private boolean added;

    private SchemaVerdicts(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /** The verdicts kept under {@code home} by this build; none if there are none, or unreadable ones. */
    static SchemaVerdicts under(Path home) {
        SchemaVerdicts verdicts = new SchemaVerdicts(home.resolve(FILE), "mooring-schema-verdicts 2 " + Build.current().label());
        try {
            List<String> lines = Files.readAllLines(verdicts.file, StandardCharsets.US_ASCII);
            if (!lines.isEmpty() && lines.get(0).equals(verdicts.header)) {
                lines.stream().skip(1).filter(line -> KEY.matcher(line).matches()).forEach(verdicts.keys::add);
            }
        } catch (NoSuchFileException e) {
            // none yet
        } catch (IOException | RuntimeException e) {
            verdicts.keys.clear();
        }
        return verdicts;
    }

    @Override
    public synchronized boolean holds(String key) {
        return keys.contains(key);
    }

    @Override
    public synchronized void add(String key) {
        if (KEY.matcher(key).matches() && !keys.contains(key)) {
            keys.add(key);
            added = true;
        }
    }

    /** Writes the newest keys when this run added any: to a file of its own, then moved over the old one. */
    synchronized void save() throws IOException {
        if (!added) {
            return;
        }
        List<String> lines = new ArrayList<>(List.of(header));
        lines.addAll(new ArrayList<>(keys).subList(Math.max(0, keys.size() - KEPT), keys.size()));
        Path next = file.resolveSibling(FILE + "." + Long.toHexString(System.nanoTime()) + ".new");
        try {
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(next, lines, StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
        added = false;
    }
}
