package io.mooring.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Which host paths may be bind-mounted: under an allowed folder, and never one that gives a container its
 * host, whatever the allow-list says.
 */
final class BindRules {
    /** Neither these, nor what lies above or below them: each gives away the host or the agent itself. */
    private static final List<String> NEVER_TREES = List.of("/proc", "/sys", "/dev", "/boot", "/var/run/docker.sock",
            "/run/docker.sock", "/run/containerd");
    /**
     * Not this folder, nor what lies above it. Below {@code /etc} an operator may allow one folder on purpose
     * (certificates, say); the agent's own folders are refused in full.
     */
    private static final List<String> NEVER_ITSELF = List.of("/etc");

    private BindRules() {
    }

    static String trimSlash(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The problem with bind-mounting {@code source}, or null when it is allowed. */
    static String check(String source, List<String> allowed, List<String> agentFolders, List<String> agentItself, String setting) {
        String path = trimSlash(source);
        if (("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./") || path.contains("//")) {
            return "bind mount source " + source + " must be a plain absolute path, without '.', '..' or '//'";
        }
        String never = never(path, agentFolders, agentItself);
        if (never != null) {
            return "bind mount of " + source + " would give the container " + never + " of the host; never allowed";
        }
        if (allowed.stream().map(BindRules::trimSlash).noneMatch(folder -> path.equals(folder) || path.startsWith(folder + "/"))) {
            return "bind mount of " + source + " is outside the agent's allowed folders " + allowed
                    + "; use a named volume, or the agent must add the folder to " + setting;
        }
        return null;
    }

    private static String never(String path, List<String> agentFolders, List<String> agentItself) {
        if (path.isEmpty()) {
            return "the root";
        }
        List<String> trees = new ArrayList<>(NEVER_TREES);
        agentFolders.stream().map(BindRules::trimSlash).filter(f -> !f.isEmpty()).forEach(trees::add);
        for (String tree : trees) {
            if (tree.equals(path) || tree.startsWith(path + "/") || path.startsWith(tree + "/")) {
                return tree;
            }
        }
        List<String> itself = new ArrayList<>(NEVER_ITSELF);
        agentItself.stream().map(BindRules::trimSlash).filter(f -> !f.isEmpty()).forEach(itself::add);
        for (String folder : itself) {
            if (folder.equals(path) || folder.startsWith(path + "/")) {
                return folder;
            }
        }
        return null;
    }
}
