package io.mooring.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a tenant's definitions may ask of a host. Everything that would let a container take over its
 * host is refused unless the agent's own configuration (which a commit cannot change) allows it.
 *
 * @param privileged   allow {@code privileged: true}
 * @param hostPid      allow {@code pid: host}
 * @param hostIpc      allow {@code ipc: host}
 * @param hostNetwork  the components that may use {@code network_mode: host} (voice components need RTP port ranges)
 * @param bindMounts   host folders under which bind mounts are allowed
 * @param capabilities capabilities that may be added beyond Docker's default set
 */
public record Guardrails(boolean privileged, boolean hostPid, boolean hostIpc, Set<String> hostNetwork,
                         List<String> bindMounts, Set<String> capabilities) {
    public static final Set<String> VOICE_COMPONENTS = Set.of("asterisk", "kamailio", "rtpengine");
    /** Docker grants these to every container already: adding them asks for nothing more. */
    private static final Set<String> DOCKER_DEFAULT_CAPS = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    /** Never mountable, whatever the allow-list says: the root and the Docker socket give away the host. */
    private static final List<String> NEVER = List.of("/var/run/docker.sock", "/run/docker.sock");

    public Guardrails {
        hostNetwork = Set.copyOf(hostNetwork);
        bindMounts = bindMounts.stream().map(Guardrails::trimSlash).toList();
        capabilities = Set.copyOf(capabilities.stream().map(Guardrails::capability).toList());
    }

    public static Guardrails defaults() {
        return new Guardrails(false, false, false, VOICE_COMPONENTS, List.of(), Set.of());
    }

    /** Normalises a capability name: {@code cap_net_admin} and {@code NET_ADMIN} are the same. */
    public static String capability(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    /** One refused request: the components.yml key that asks for it, and why it is refused. */
    public record Violation(String key, String message) {
    }

    /** The problems with a component's host access, each naming the agent setting that would allow it. */
    public List<Violation> check(String component, HostAccess access) {
        List<Violation> problems = new ArrayList<>();
        if (access.privileged() && !privileged) {
            problems.add(new Violation("privileged", "privileged: true gives the container the whole host; refused (agent setting guardrails.privileged)"));
        }
        if (access.pid().equals("host") && !hostPid) {
            problems.add(new Violation("pid", "pid: host shares the host's processes; refused (agent setting guardrails.hostPid)"));
        }
        if (access.ipc().equals("host") && !hostIpc) {
            problems.add(new Violation("ipc", "ipc: host shares the host's IPC namespace; refused (agent setting guardrails.hostIpc)"));
        }
        if (access.hostNetwork() && !hostNetwork.contains(component)) {
            problems.add(new Violation("network_mode", "network_mode: host is allowed for " + sorted(hostNetwork) + " only; add " + component
                    + " to the agent setting guardrails.hostNetwork to allow it"));
        }
        for (String cap : access.capAdd()) {
            String name = capability(cap);
            if (!DOCKER_DEFAULT_CAPS.contains(name) && !capabilities.contains(name)) {
                problems.add(new Violation("cap_add", "cap_add " + cap + " is not in the agent's allowed capabilities " + sorted(capabilities)
                        + " (agent setting guardrails.capabilities)"));
            }
        }
        return problems;
    }

    /** These guardrails with other allowed host folders. */
    public Guardrails withBindMounts(List<String> folders) {
        return new Guardrails(privileged, hostPid, hostIpc, hostNetwork, folders, capabilities);
    }

    /** The problem with bind-mounting this host path, or null when it is allowed. */
    public String checkBind(String source) {
        String path = trimSlash(source);
        if (path.isEmpty() || NEVER.stream().anyMatch(never -> never.equals(path) || never.startsWith(path + "/"))) {
            return "bind mount of " + source + " would give the container the host (its root or the Docker socket); never allowed";
        }
        if (("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./") || path.contains("//")) {
            return "bind mount source " + source + " must be a plain absolute path, without '.', '..' or '//'";
        }
        if (bindMounts.stream().noneMatch(allowed -> path.equals(allowed) || path.startsWith(allowed + "/"))) {
            return "bind mount of " + source + " is outside the agent's allowed folders " + bindMounts
                    + "; use a named volume, or add the folder to the agent setting guardrails.bindMounts";
        }
        return null;
    }

    private static String trimSlash(String path) {
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static List<String> sorted(Set<String> names) {
        return new ArrayList<>(new TreeSet<>(names));
    }
}
