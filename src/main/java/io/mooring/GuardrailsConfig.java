package io.mooring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mooring.model.Guardrails;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's {@code guardrails:} block: what tenants' definitions may ask of this host. A commit cannot
 * change it; only whoever runs the agent can. Everything is refused by default except host networking for
 * the voice components, which need the host's RTP port ranges.
 */
public class GuardrailsConfig {
    private boolean privileged;
    private boolean hostPid;
    private boolean hostIpc;
    @NotNull
    private Set<String> hostNetwork = new TreeSet<>(Guardrails.VOICE_COMPONENTS);
    @NotNull
    private List<String> bindMounts = new ArrayList<>();
    @NotNull
    private Set<String> capabilities = new TreeSet<>();

    public Guardrails toModel() {
        return new Guardrails(privileged, hostPid, hostIpc, hostNetwork, bindMounts, capabilities);
    }

    @JsonProperty
    public boolean isPrivileged() {
        return privileged;
    }

    @JsonProperty
    public void setPrivileged(boolean privileged) {
        this.privileged = privileged;
    }

    @JsonProperty
    public boolean isHostPid() {
        return hostPid;
    }

    @JsonProperty
    public void setHostPid(boolean hostPid) {
        this.hostPid = hostPid;
    }

    @JsonProperty
    public boolean isHostIpc() {
        return hostIpc;
    }

    @JsonProperty
    public void setHostIpc(boolean hostIpc) {
        this.hostIpc = hostIpc;
    }

    @JsonProperty
    public Set<String> getHostNetwork() {
        return hostNetwork;
    }

    @JsonProperty
    public void setHostNetwork(Set<String> hostNetwork) {
        this.hostNetwork = hostNetwork;
    }

    @JsonProperty
    public List<String> getBindMounts() {
        return bindMounts;
    }

    @JsonProperty
    public void setBindMounts(List<String> bindMounts) {
        this.bindMounts = bindMounts;
    }

    @JsonProperty
    public Set<String> getCapabilities() {
        return capabilities;
    }

    @JsonProperty
    public void setCapabilities(Set<String> capabilities) {
        this.capabilities = capabilities;
    }
}
