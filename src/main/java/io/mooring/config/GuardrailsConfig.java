package io.mooring.config;

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
    @JsonProperty
    private boolean privileged;

    @JsonProperty
    private boolean hostPid;

    @JsonProperty
    private boolean hostIpc;

    @NotNull
    @JsonProperty
    private Set<String> hostNetwork = new TreeSet<>(Guardrails.VOICE_COMPONENTS);

    @NotNull
    @JsonProperty
    private List<String> bindMounts = new ArrayList<>();

    @NotNull
    @JsonProperty
    private Set<String> capabilities = new TreeSet<>();

    public Guardrails toModel() {
        return new Guardrails(privileged, hostPid, hostIpc, hostNetwork, bindMounts, capabilities);
    }

    public boolean isPrivileged() {
        return privileged;
    }

    public boolean isHostPid() {
        return hostPid;
    }

    public boolean isHostIpc() {
        return hostIpc;
    }

    public Set<String> getHostNetwork() {
        return hostNetwork;
    }

    public List<String> getBindMounts() {
        return bindMounts;
    }

    public Set<String> getCapabilities() {
        return capabilities;
    }
}
