package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mooring.model.Grant;
import jakarta.validation.constraints.AssertTrue;
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

    /** Host devices, or folders of devices such as /dev/snd, that containers may be given. */
    @NotNull
    @JsonProperty
    private Set<String> devices = new TreeSet<>();

    public Grant toModel() {
        return new Grant(privileged, hostNetwork, capabilities, bindMounts, devices);
    }

    @AssertTrue(message = "devices must be absolute paths of host devices or of folders of them, such as /dev/snd; not / and"
            + " without '.', '..' or '//'")
    public boolean isDevicesPlainPaths() {
        return devices == null || devices.stream().allMatch(d -> d != null && d.matches("/[A-Za-z0-9_.+-][A-Za-z0-9_./+-]*")
                && !("/" + d + "/").contains("/../") && !("/" + d + "/").contains("/./") && !d.contains("//"));
    }

    public Set<String> getDevices() {
        return devices;
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
