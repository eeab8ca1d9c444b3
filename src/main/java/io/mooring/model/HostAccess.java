package io.mooring.model;

import java.util.List;

/**
 * What a container asks of its host beyond a plain sandbox: privileged mode, the host's PID or IPC
 * namespace, added capabilities, its network mode and host devices. The agent's guardrails decide which are allowed.
 */
public record HostAccess(boolean privileged, String pid, String ipc, List<String> capAdd, String networkMode, List<DeviceMapping> devices) {
    public static final HostAccess NONE = new HostAccess(false, "", "", List.of(), "");

    public HostAccess {
        pid = pid == null ? "" : pid;
        ipc = ipc == null ? "" : ipc;
        capAdd = List.copyOf(capAdd);
        networkMode = networkMode == null ? "" : networkMode;
        devices = List.copyOf(devices);
    }

    /** Without devices. */
    public HostAccess(boolean privileged, String pid, String ipc, List<String> capAdd, String networkMode) {
        this(privileged, pid, ipc, capAdd, networkMode, List.of());
    }

    /**
     * Whether it asks for nothing beyond a plain sandbox, as {@link #NONE} does: asked without {@code equals}, whose
     * first call on a record costs a command some 8 ms of method-handle setup.
     */
    public boolean none() {
        return !privileged && pid.isEmpty() && ipc.isEmpty() && capAdd.isEmpty() && networkMode.isEmpty() && devices.isEmpty();
    }

    public boolean hostNetwork() {
        return networkMode.equals("host");
    }
}
