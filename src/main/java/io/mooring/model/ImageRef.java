package io.mooring.model;

import java.util.regex.Pattern;

/**
 * A Docker image reference: {@code [registry/]repository[:tag][@sha256:digest]}, checked with the
 * grammar of the distribution spec so that a bad reference is refused before anything is pulled.
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern REGISTRY = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final int MAX_LENGTH = 255;

    /** True for what may follow {@code name:}: a tag, or a digest written as {@code sha256:<hex>}. */
    public static boolean isTagOrDigest(String text) {
        return TAG.matcher(text).matches() || DIGEST.matcher(text).matches();
    }

    public static ImageRef parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("image reference is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("image reference is longer than " + MAX_LENGTH + " characters");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("'" + text + "': digest must be sha256: and 64 lower-case hex digits");
            }
        }
        // A tag variable may hold a digest (asterisk_version: sha256:...): name:sha256:<hex> means name@sha256:<hex>.
        int pinned = rest.lastIndexOf(":sha256:");
        if (digest == null && pinned > 0 && DIGEST.matcher(rest.substring(pinned + 1)).matches()) {
            digest = rest.substring(pinned + 1);
            rest = rest.substring(0, pinned);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("'" + text + "': tag '" + tag
                        + "' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
            }
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
                if (!REGISTRY.matcher(registry).matches()) {
                    throw new IllegalArgumentException("'" + text + "': registry '" + registry + "' is not a host[:port]");
                }
            }
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("'" + text + "': repository '" + rest
                        + "' must be lower-case letters, digits and separators ('.', '_', '-', '/')");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /**
     * The name as the engine reports images of Docker Hub (in RepoDigests): without {@code docker.io/} or
     * {@code index.docker.io/}, and without {@code library/} for official images; other registries' names as they are.
     */
    public String engineName() {
        if (registry != null && !registry.equals("docker.io") && !registry.equals("index.docker.io")) {
            return name();
        }
        return repository.startsWith("library/") && repository.indexOf('/', "library/".length()) < 0
                ? repository.substring("library/".length()) : repository;
    }

    /** The repository with its registry, as the engine's pull takes it. */
    public String name() {
        return registry == null ? repository : registry + "/" + repository;
    }

    /** The full reference, normalised: an absent tag is written {@code latest}. */
    public String reference() {
        StringBuilder out = new StringBuilder(name());
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return reference();
    }
}
