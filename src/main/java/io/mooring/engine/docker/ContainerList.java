package io.mooring.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.mooring.engine.Engine;
import io.mooring.model.Labels;
import java.util.List;

/** A node's containers with their state and health, in one list call of every container with a tenant's label. */
final class ContainerList {
    private ContainerList() {
    }

    static List<Engine.Listed> listed(DockerHttpClient http, DockerCalls calls, String node) {
        return ContainerRows.withLabel(http, calls, Labels.TENANT).stream()
                .filter(c -> c.labels().getOrDefault(Labels.JOB, "").isEmpty())
                .filter(c -> {
                    String owner = c.labels().getOrDefault(Labels.NODE, "");
                    return owner.isEmpty() || owner.equals(node);
                })
                .map(c -> new Engine.Listed(c.labels().get(Labels.TENANT), c.labels().getOrDefault(Labels.COMPONENT, ""),
                        c.labels().getOrDefault(Labels.IMAGE, c.image()), c.labels().getOrDefault(Labels.DIGEST, ""),
                        c.state().isEmpty() ? "unknown" : c.state(), health(c.status())))
                .toList();
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
