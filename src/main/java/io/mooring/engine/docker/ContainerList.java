package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.mooring.engine.Engine;
import io.mooring.model.Labels;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A node's containers with their state and health, in one list call of every container with a tenant's label. */
final class ContainerList {
    private ContainerList() {
    }

    static List<Engine.Listed> listed(DockerClient docker, DockerCalls calls, String node) {
        List<Container> found = calls.call("list containers", () -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(Labels.TENANT))
                .exec());
        return found.stream()
                .filter(c -> labels(c).getOrDefault(Labels.JOB, "").isEmpty())
                .filter(c -> {
                    String owner = labels(c).getOrDefault(Labels.NODE, "");
                    return owner.isEmpty() || owner.equals(node);
                })
                .map(c -> new Engine.Listed(labels(c).get(Labels.TENANT), labels(c).getOrDefault(Labels.COMPONENT, ""),
                        labels(c).getOrDefault(Labels.IMAGE, Objects.toString(c.getImage(), "")), labels(c).getOrDefault(Labels.DIGEST, ""),
                        Objects.toString(c.getState(), "unknown"), health(c.getStatus())))
                .toList();
    }

    private static Map<String, String> labels(Container c) {
        return c.getLabels() == null ? Map.of() : c.getLabels();
    }

    /** The list call tells health only in its status text: {@code Up 3 minutes (healthy)}. */
    static String health(String status) {
        if (status == null) {
            return "none";
        }
        if (status.contains("(unhealthy)")) {
            return "unhealthy";
        }
        if (status.contains("(healthy)")) {
            return "healthy";
        }
        return status.contains("(health: starting)") ? "starting" : "none";
    }
}
