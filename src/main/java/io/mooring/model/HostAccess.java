package io.mooring.model;

import java.util.List;

/**
 * What a container asks of its host beyond a plain sandbox: privileged mode, the host's PID or IPC
 * namespace, added capabilities and its network mode. The agent's guardrails decide which are allowed.
 */
public record HostAccess(boolean privileged, String pid, String ipc, List<String> capAdd, String networkMode) {
    public static final HostAccess NONE = new HostAccess(false, "", "", List.of(), "");

    public HostAccess {
        pid = pid == null ? "" : pid;
        ipc = ipc == null ? "" : ipc;
        capAdd = List.copyOf(capAdd);
        networkMode = networkMode == null ? "" : networkMode;
    }

    public boolean hostNetwork() {
        return networkMode.equals("host");
    }
}
