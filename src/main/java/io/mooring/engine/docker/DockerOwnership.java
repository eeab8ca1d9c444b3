package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.function.Supplier;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.mooring.engine.Engine.Owner;
import io.mooring.engine.EngineException;
import io.mooring.model.Labels;
import java.util.Map;

/**
 * Looks at a container before Mooring acts on it: a name is only a name, and another tenant's container, or one
 * Mooring never made, may hold the one this tenant expects. The action then goes to the id the inspection gave,
 * so a container that takes the name in between is not the one acted on.
 */
final class DockerOwnership {
    private final Supplier<DockerClient> docker;
    private final DockerCalls calls;

    DockerOwnership(Supplier<DockerClient> docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    /** The id of the container {@code ref} names, once its labels say it is the owner's; {@link DockerCalls.NotFound} when none. */
    String claim(String ref, Owner owner) {
        return claimed(ref, owner).getId();
    }

    /** The same, the inspection given whole. */
    InspectContainerResponse claimed(String ref, Owner owner) {
        InspectContainerResponse container = calls.call("inspect container " + ref, () -> docker.get().inspectContainerCmd(ref).exec());
        Map<String, String> labels = container.getConfig() == null || container.getConfig().getLabels() == null
                ? Map.of() : container.getConfig().getLabels();
        String whose = whose(labels, owner);
        if (whose != null) {
            throw notOwned(shown(ref, container.getName()), owner, whose);
        }
        return container;
    }

    /** Why the labels do not name the owner, or null when they do. */
    private static String whose(Map<String, String> labels, Owner owner) {
        String tenant = labels.get(Labels.TENANT);
        if (tenant == null) {
            return "it carries no Mooring labels";
        }
        if (!tenant.equals(owner.tenant())) {
            return "it belongs to tenant " + tenant;
        }
        String component = labels.getOrDefault(Labels.COMPONENT, "");
        return component.equals(owner.component()) ? null : "it belongs to its component " + component + ", not " + owner.component();
    }

    static EngineException notOwned(String name, Owner owner, String whose) {
        return new EngineException("container " + name + " is not tenant " + owner.tenant() + "'s (" + whose
                + "); Mooring never touches it");
    }

    private static String shown(String ref, String name) {
        return name == null ? ref : name.startsWith("/") ? name.substring(1) : name;
    }
}
