package io.mooring.inventory;

import io.mooring.model.ConfigTree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The files a components.yml may name ({@code env_file}, {@code secrets.*.file}, {@code include}, {@code extends.file}):
 * only regular files inside its own folder, reached without links. Every path is hostile: an absolute one, one that
 * climbs out with {@code ..}, one through a symbolic link, or one into a tenant's folder from the repository-wide
 * file is refused, naming the file and line that wrote it.
 */
final class TenantFiles {
    /** The built-in definitions name no file. */
    static TenantFiles none() {
        return new TenantFiles(null, "", false);
    }

    /** What all the files one tenant's components.yml names may hold together: a commit cannot make the agent hold more. */
    static final int MAX_TOTAL_BYTES = 8 << 20;

    private final ConfigTree tree;
    /** Each file read once, however often it is named. */
    private final java.util.Map<String, Optional<byte[]>> read = new java.util.HashMap<>();
    private long total;
    /** Each env file's variables, parsed once however many services name it; shared, never copied. */
    private final java.util.Map<String, java.util.Map<String, io.mooring.model.Template>> envFiles = new java.util.HashMap<>();
    private final TenantBudget budget = new TenantBudget();
    /** The folder, "" or ending in '/'. */
    private final String folder;
    /** Whether the folder holds tenants' folders (the repository-wide file's), which it may not read. */
    private final boolean shared;

    TenantFiles(ConfigTree tree, String folder, boolean shared) {
        this.tree = tree;
        this.folder = folder;
        this.shared = shared;
    }

    /** The tenant read's budget of values and characters, for all its files. */
    TenantBudget budget() {
        return budget;
    }

    /** The env file's variables, parsed by {@code parse} the first time it is named (its problems reported then). */
    java.util.Map<String, io.mooring.model.Template> envFile(String path,
            java.util.function.Supplier<java.util.Map<String, io.mooring.model.Template>> parse) {
        java.util.Map<String, io.mooring.model.Template> parsed = envFiles.get(path);
        if (parsed == null) {
            parsed = java.util.Collections.unmodifiableMap(parse.get());
            envFiles.put(path, parsed);
        }
        return parsed;
    }

    /** A thing wrong with a path: what to say about it. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The path of {@code written} in the repository, checked; relative to the folder of {@code from} (a repository path). */
    String resolve(String from, String written) throws Refused {
        if (tree == null) {
            throw new Refused("the built-in definitions read no files");
        }
        if (written.isEmpty() || written.startsWith("/") || written.startsWith("~") || written.contains("\\")
                || written.indexOf('\0') >= 0 || written.matches("[A-Za-z]:.*")) {
            throw new Refused("'" + ComponentsReader.shorten(written) + "' must be a relative path inside the tenant's folder");
        }
        Deque<String> parts = new ArrayDeque<>();
        String base = from.contains("/") ? from.substring(0, from.lastIndexOf('/')) : "";
        for (String part : (base.isEmpty() ? written : base + "/" + written).split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new Refused("'" + ComponentsReader.shorten(written) + "' leads outside the tenant's folder");
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        String path = String.join("/", parts);
        if (!path.startsWith(folder) || path.length() == folder.length()) {
            throw new Refused("'" + ComponentsReader.shorten(written) + "' leads outside the tenant's folder");
        }
        if (shared && (path.startsWith(TenantLoader.INSTANCES + "/") || path.equals(TenantLoader.INSTANCES))) {
            throw new Refused("'" + ComponentsReader.shorten(written) + "': the repository-wide components.yml may not read a"
                    + " tenant's files");
        }
        String dir = "";
        for (String part : path.split("/")) {
            if (tree.links(dir).contains(part)) {
                throw new Refused("'" + ComponentsReader.shorten(written) + "': " + (dir.isEmpty() ? "" : dir + "/") + part
                        + " is a symbolic link; Mooring does not follow links");
            }
            dir = dir.isEmpty() ? part : dir + "/" + part;
        }
        return path;
    }

    /** The file's bytes (shared: not to be changed); empty when there is none. Past {@link #MAX_TOTAL_BYTES} in all, refused. */
    Optional<byte[]> read(String path) throws Refused {
        Optional<byte[]> known = read.get(path);
        if (known != null) {
            return known;
        }
        if (total > MAX_TOTAL_BYTES) {
            // Already past the bound: neither the file that crossed it nor any other is read again.
            throw tooMuch();
        }
        Optional<byte[]> bytes;
        try {
            bytes = tree.read(path);
        } catch (io.mooring.model.InvalidConfigException e) {
            // An encrypted file this node cannot decrypt, or one committed twice: said where the file is named.
            throw new Refused(e.problems().get(0).toString());
        }
        total += bytes.map(b -> b.length).orElse(0);
        if (total > MAX_TOTAL_BYTES) {
            throw tooMuch();
        }
        read.put(path, bytes);
        return bytes;
    }

    private static Refused tooMuch() {
        return new Refused("the files components.yml names hold more than " + (MAX_TOTAL_BYTES >> 20) + " MiB together");
    }
}
