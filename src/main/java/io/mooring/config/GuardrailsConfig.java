package io.mooring.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mooring.model.Grant;
import io.mooring.model.Guardrails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The agent's {@code guardrails:} block: what tenants' definitions may ask of this host. A commit cannot
 * change it; only whoever runs the agent can. Everything is refused by default except host networking for
 * the images of the built-in voice components, which need the host's RTP port ranges. Grants go to tenants
 * ({@code tenants}) or image repositories ({@code images}), never to a component's name, which a commit chooses.
 */
public class GuardrailsConfig {
    @JsonProperty
    private boolean privileged;

    @JsonProperty
    private boolean hostPid;

    @JsonProperty
    private boolean hostIpc;

    @JsonProperty
    private boolean hostNetwork;

    @NotNull
    @JsonProperty
    private List<String> bindMounts = new ArrayList<>();

    @NotNull
    @JsonProperty
    private Set<String> capabilities = new TreeSet<>();

    @Valid
    @NotNull
    @JsonProperty
    private Map<String, @NotNull @Valid GrantConfig> tenants = new TreeMap<>();

    /** Null until set: the built-in voice images are granted host networking unless the block names others. */
    @Valid
    @JsonProperty
    private Map<String, @NotNull @Valid GrantConfig> images;

    public Guardrails toModel() {
        Map<String, Grant> byImage = images == null ? Guardrails.VOICE_IMAGES : grants(images);
        return new Guardrails(privileged, hostPid, hostIpc, hostNetwork, bindMounts, capabilities, grants(tenants), byImage, List.of());
    }

    private static Map<String, Grant> grants(Map<String, GrantConfig> blocks) {
        return blocks.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toModel()));
    }

    /** An image grant's bind mounts would apply to whichever tenant runs the image: folders are granted to tenants only. */
    @AssertTrue(message = "images entries may grant privileged, hostNetwork, capabilities and devices only; grant bindMounts under tenants")
    public boolean isImagesWithoutBindMounts() {
        return images == null || images.values().stream().allMatch(g -> g == null || g.getBindMounts().isEmpty());
    }

    @AssertTrue(message = "images keys must be image repositories without a tag or digest, such as docker.io/omnileads/asterisk")
    public boolean isImagesNamedByRepository() {
        return images == null || images.keySet().stream().allMatch(GuardrailsConfig::plainRepository);
    }

    private static boolean plainRepository(String name) {
        try {
            return Guardrails.repository(name).endsWith(name.substring(name.lastIndexOf('/') + 1)) && !name.contains("@");
        } catch (IllegalArgumentException e) {
            return false;
        }
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

    public boolean isHostNetwork() {
        return hostNetwork;
    }

    public List<String> getBindMounts() {
        return bindMounts;
    }

    public Set<String> getCapabilities() {
        return capabilities;
    }

    public Map<String, GrantConfig> getTenants() {
        return tenants;
    }

    public Map<String, GrantConfig> getImages() {
        return images == null ? new TreeMap<>() : images;
    }
}
