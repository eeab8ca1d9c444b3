package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mooring.model.Grant;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One entry of {@code guardrails.tenants} or {@code guardrails.images}: what that tenant or image is granted. */
public class GrantConfig {
    @JsonProperty
    private boolean privileged;

    @JsonProperty
    private boolean hostNetwork;

    @NotNull
    @JsonProperty
    private Set<String> capabilities = new TreeSet<>();

    @NotNull
    @JsonProperty
    private List<String> bindMounts = new ArrayList<>();

    public Grant toModel() {
        return new Grant(privileged, hostNetwork, capabilities, bindMounts);
    }

    public boolean isPrivileged() {
        return privileged;
    }

    public boolean isHostNetwork() {
        return hostNetwork;
    }

    public Set<String> getCapabilities() {
        return capabilities;
    }

    public List<String> getBindMounts() {
        return bindMounts;
    }
}
