package io.mooring.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which Mooring this is: the version and the commit it was built from, as the build wrote them next to this class
 * ({@code build.properties}). Run from classes no build wrote, it is "development", commit "unknown".
 */
public record Build(String version, String commit, boolean dirty) {
    private static final String FILE = "build.properties";

    public static Build current() {
        Properties properties = new Properties();
        try (InputStream in = Build.class.getResourceAsStream(FILE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE + " from the jar", e);
        }
        return new Build(value(properties, "git.build.version", "development"), value(properties, "git.commit.id.full", "unknown"),
                Boolean.parseBoolean(properties.getProperty("git.dirty", "false")));
    }

    private static String value(Properties properties, String key, String otherwise) {
        String value = properties.getProperty(key, "").trim();
        return value.isEmpty() || value.startsWith("${") ? otherwise : value;
    }

    /** The version with the commit's first 12 characters, as a node reports itself: "0.1.0 (3f2c9a1b7d4e)". */
    public String label() {
        return version + " (" + shortCommit() + (dirty ? ", modified" : "") + ")";
    }

    /** What {@code mooring --version} prints. */
    public String describe() {
        return "mooring " + version + "\ncommit " + commit + (dirty ? " (built with uncommitted changes)" : "") + "\n";
    }

    private String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
