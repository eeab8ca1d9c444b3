package io.mooring.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a tenant's definitions may ask of a host. Everything that would let a container take over its
 * host is refused unless the agent's own configuration (which a commit cannot change) allows it, for every
 * tenant, for one tenant, or for the containers of one image repository; never for a component's name. Host devices are
 * granted to one tenant or one image repository only.
 *
 * @param privileged   allow {@code privileged: true} to every tenant
 * @param hostPid      allow {@code pid: host}
 * @param hostIpc      allow {@code ipc: host}
 * @param hostNetwork  allow {@code network_mode: host} to every tenant
 * @param bindMounts   host folders under which every tenant may bind-mount; {@code {tenant}} is the tenant's name
 * @param capabilities capabilities every tenant may add beyond Docker's default set
 * @param tenants      grants by tenant name
 * @param images       grants by image repository (registry and path, no tag or digest); their bind mounts are not used
 * @param agentFolders the agent's home and configuration folder, never mountable, nor anything in them or above them
 * @param agentItself  the agent's configuration file and a top-level shared folder it sits in ({@code /etc}, {@code /srv}):
 *                     never mountable, nor anything above them, but other folders in them are
 */
public record Guardrails(boolean privileged, boolean hostPid, boolean hostIpc, boolean hostNetwork, List<String> bindMounts,
                         Set<String> capabilities, Map<String, Grant> tenants, Map<String, Grant> images, List<String> agentFolders,
                         List<String> agentItself) {
    /**
     * The voice images of the built-in OMniLeads definitions, which need the host's RTP port ranges: the 2.x
     * releases' namespace and the 3.x releases' (docker.io/freetechsolutions).
     */
    public static final Map<String, Grant> VOICE_IMAGES = Map.of(
            "docker.io/omnileads/asterisk", Grant.hostNetworkOnly(),
            "docker.io/omnileads/kamailio", Grant.hostNetworkOnly(),
            "docker.io/omnileads/rtpengine", Grant.hostNetworkOnly(),
            "docker.io/freetechsolutions/asterisk", Grant.hostNetworkOnly(),
            "docker.io/freetechsolutions/kamailio", Grant.hostNetworkOnly(),
            "docker.io/freetechsolutions/rtpengine", Grant.hostNetworkOnly());
    /** Docker grants these to every container already: adding them asks for nothing more. */
    private static final Set<String> DOCKER_DEFAULT_CAPS = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    /** A Linux capability's name as Compose writes it (any case, CAP_ or not), or ALL: what the engine knows. */
    public static final String CAPABILITY_NAME = "(?i)(CAP_)?(" + String.join("|", List.of(
            "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN",
            "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE",
            "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
            "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT",
            "SYSLOG", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME",
            "SYS_TTY_CONFIG", "WAKE_ALARM")) + ")|ALL";
    /** The ulimits that give what a capability gives, and that capability. */
    private static final Map<String, String> ULIMIT_CAPABILITIES = Map.of("rtprio", "SYS_NICE", "rttime", "SYS_NICE", "nice", "SYS_NICE",
            "memlock", "IPC_LOCK");

    public Guardrails {
        bindMounts = List.copyOf(bindMounts);
        capabilities = Set.copyOf(capabilities.stream().map(Guardrails::capability).toList());
        tenants = Map.copyOf(tenants);
        images = images.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> repository(e.getKey()), Map.Entry::getValue, (a, b) -> a));
        agentFolders = List.copyOf(agentFolders);
        agentItself = List.copyOf(agentItself);
    }

    public Guardrails(boolean privileged, boolean hostPid, boolean hostIpc, boolean hostNetwork, List<String> bindMounts,
                      Set<String> capabilities, Map<String, Grant> tenants, Map<String, Grant> images, List<String> agentFolders) {
        this(privileged, hostPid, hostIpc, hostNetwork, bindMounts, capabilities, tenants, images, agentFolders, List.of());
    }

    public static Guardrails defaults() {
        return new Guardrails(false, false, false, false, List.of(), Set.of(), Map.of(), VOICE_IMAGES, List.of());
    }

    /** Normalises a capability name: {@code cap_net_admin} and {@code NET_ADMIN} are the same. */
    public static String capability(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    /** An image's repository as grants name it: Docker Hub's short forms written out, no tag or digest. */
    public static String repository(String image) {
        ImageRef ref = ImageRef.parse(image);
        String registry = ref.registry() == null || ref.registry().equals("index.docker.io") ? "docker.io" : ref.registry();
        String path = registry.equals("docker.io") && !ref.repository().contains("/") ? "library/" + ref.repository() : ref.repository();
        return registry + "/" + path;
    }

    /** One refused request: the components.yml key that asks for it, and why it is refused. */
    public record Violation(String key, String message) {
    }

    /** The problems with a component's host access, each naming the agent setting that would allow it. */
    public List<Violation> check(String tenant, String component, ImageRef image, HostAccess access) {
        Grant forTenant = tenants.getOrDefault(tenant, Grant.NONE);
        String repository = image == null ? "" : repository(image.reference());
        Grant forImage = images.getOrDefault(repository, Grant.NONE);
        String grants = " (the agent must grant it: guardrails.tenants." + tenant + ".%s or guardrails.images." + repository + ".%s)";
        List<Violation> problems = new ArrayList<>();
        if (access.privileged() && !(privileged || forTenant.privileged() || forImage.privileged())) {
            problems.add(new Violation("privileged", "privileged: true gives the container the whole host; not granted to tenant "
                    + tenant + " or image " + repository + String.format(grants, "privileged: true", "privileged: true")));
        }
        if (access.pid().equals("host") && !hostPid) {
            problems.add(new Violation("pid", "pid: host shares the host's processes; refused (agent setting guardrails.hostPid)"));
        }
        if (access.ipc().equals("host") && !hostIpc) {
            problems.add(new Violation("ipc", "ipc: host shares the host's IPC namespace; refused (agent setting guardrails.hostIpc)"));
        }
        if (access.hostNetwork() && !(hostNetwork || forTenant.hostNetwork() || forImage.hostNetwork())) {
            problems.add(new Violation("network_mode", "network_mode: host is not granted to tenant " + tenant + " or image "
                    + repository + ", whatever the component is called" + String.format(grants, "hostNetwork: true", "hostNetwork: true")));
        }
        Set<String> allowed = new TreeSet<>(capabilities);
        allowed.addAll(forTenant.capabilities());
        allowed.addAll(forImage.capabilities());
        for (String cap : access.capAdd()) {
            String name = capability(cap);
            if (!DOCKER_DEFAULT_CAPS.contains(name) && !allowed.contains(name)) {
                problems.add(new Violation("cap_add", "cap_add " + cap + " is not granted to tenant " + tenant + " or image "
                        + repository + " (allowed: " + allowed + ")" + String.format(grants, "capabilities", "capabilities")));
            }
        }
        for (DeviceMapping device : access.devices()) {
            if (!forTenant.devices().stream().anyMatch(device::grantedBy) && !forImage.devices().stream().anyMatch(device::grantedBy)) {
                problems.add(new Violation("devices", "devices " + device + ": host device " + device.hostPath()
                        + " is not granted to tenant " + tenant + " or image " + repository + String.format(grants,
                        "devices: [" + device.hostPath() + "]", "devices: [" + device.hostPath() + "]")));
            }
        }
        return problems;
    }

    /**
     * The problems with a component's {@code security_opt} and {@code sysctls}: a confinement turned off (seccomp, AppArmor,
     * SELinux labels, system paths) is as much as {@code privileged} and needs its grant; a sysctl must be namespaced (it
     * changes the container only), and a {@code net.*} one needs the container's own network.
     */
    public List<Violation> checkOptions(String tenant, ImageRef image, List<String> securityOpt, Map<String, String> sysctls,
                                        HostAccess access) {
        return checkOptions(tenant, image, securityOpt, sysctls, Set.of(), access);
    }

    /**
     * The same, and {@code ulimits} (by name): a real-time or nice limit lets the container's processes take the CPU from the
     * host's (SCHED_FIFO at rtprio 99), as the capability SYS_NICE does, and memlock pins memory as IPC_LOCK does; each
     * needs that capability granted to the tenant or the image (or a privileged grant).
     */
    public List<Violation> checkOptions(String tenant, ImageRef image, List<String> securityOpt, Map<String, String> sysctls,
                                        Set<String> ulimits, HostAccess access) {
        String repository = image == null ? "" : repository(image.reference());
        boolean privilegeGranted = privileged || tenants.getOrDefault(tenant, Grant.NONE).privileged()
                || images.getOrDefault(repository, Grant.NONE).privileged();
        List<Violation> problems = new ArrayList<>();
        for (String option : securityOpt) {
            String normal = option.replace(':', '=').toLowerCase(Locale.ROOT);
            // Only no-new-privileges tightens for sure: a seccomp, AppArmor or SELinux choice may lift the confinement
            // (unconfined, label=disable, an SELinux type such as spc_t, a lax host profile), as much as privileged: true.
            if (!normal.matches("no-new-privileges(=(true|false))?") && !privilegeGranted) {
                problems.add(new Violation("security_opt", "security_opt " + option + " " + (normal.endsWith("=unconfined")
                        || normal.equals("label=disable") ? "lifts" : "may lift") + " the container's confinement, as much as"
                        + " privileged: true; only no-new-privileges is allowed unless tenant " + tenant + " or image " + repository
                        + " is granted privileged (guardrails.tenants." + tenant + ".privileged: true or guardrails.images." + repository
                        + ".privileged: true)"));
            }
        }
        Grant forTenant = tenants.getOrDefault(tenant, Grant.NONE);
        Grant forImage = images.getOrDefault(repository, Grant.NONE);
        for (String name : new TreeSet<>(ulimits)) {
            String needs = ULIMIT_CAPABILITIES.get(name);
            if (needs != null && !privilegeGranted && !capabilities.contains(needs) && !forTenant.capabilities().contains(needs)
                    && !forImage.capabilities().contains(needs)) {
                problems.add(new Violation("ulimits", "ulimits " + name + " " + (needs.equals("IPC_LOCK")
                        ? "lets the container lock the host's memory" : "lets the container's processes take the CPU from the host's")
                        + ", as the capability " + needs + " does; not granted to tenant " + tenant + " or image " + repository
                        + " (the agent must grant it: guardrails.tenants." + tenant + ".capabilities: [" + needs + "] or guardrails.images."
                        + repository + ".capabilities: [" + needs + "])"));
            }
        }
        for (String name : sysctls.keySet()) {
            boolean net = name.startsWith("net.");
            boolean ipc = name.matches("kernel\\.(msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)") || name.startsWith("fs.mqueue.");
            if (!net && !ipc) {
                problems.add(new Violation("sysctls", "sysctls " + name + " is not namespaced: it would change the host, not the"
                        + " container; only net.*, kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.* are"));
            } else if (net && access.hostNetwork() || ipc && access.ipc().equals("host")) {
                problems.add(new Violation("sysctls", "sysctls " + name + " would change the host's " + (net ? "network" : "IPC")
                        + " namespace, which this container shares"));
            }
        }
        return problems;
    }

    /** The host devices (or folders of devices) granted to the tenant or to the image's repository. */
    public List<String> devices(String tenant, ImageRef image) {
        Grant forImage = image == null ? Grant.NONE : images.getOrDefault(repository(image.reference()), Grant.NONE);
        return Stream.concat(tenants.getOrDefault(tenant, Grant.NONE).devices().stream(), forImage.devices().stream()).sorted().toList();
    }

    /** These guardrails with other host folders allowed to every tenant. */
    public Guardrails withBindMounts(List<String> folders) {
        return new Guardrails(privileged, hostPid, hostIpc, hostNetwork, folders, capabilities, tenants, images, agentFolders, agentItself);
    }

    /** These guardrails, refusing the agent's own folders too, with all they hold. */
    public Guardrails withAgentFolders(List<String> folders) {
        return withAgentFolders(folders, agentItself);
    }

    /** These guardrails, refusing the agent's own folders with all they hold, and {@code itself} (with what is above) too. */
    public Guardrails withAgentFolders(List<String> folders, List<String> itself) {
        return new Guardrails(privileged, hostPid, hostIpc, hostNetwork, bindMounts, capabilities, tenants, images, folders, itself);
    }

    /** The host folders a tenant may bind-mount from, {@code {tenant}} filled in. */
    public List<String> bindMounts(String tenant) {
        return Stream.concat(bindMounts.stream(), tenants.getOrDefault(tenant, Grant.NONE).bindMounts().stream())
                .map(folder -> folder.replace("{tenant}", tenant)).toList();
    }

    /** The problem with a tenant bind-mounting this host path, or null when it is allowed. */
    public String checkBind(String tenant, String source) {
        return BindRules.check(source, bindMounts(tenant), agentFolders, agentItself,
                "guardrails.bindMounts or guardrails.tenants." + tenant + ".bindMounts");
    }
}
