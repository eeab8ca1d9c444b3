package io.mooring.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.mooring.engine.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's container list ({@code GET /containers/json}) read as a JSON tree, not into docker-java's beans: building
 * their deserializers took a command 50 to 80 ms, the largest part of a no-op apply's look at its engine.
 */
final class ContainerRows {
    /** An answer larger than this is refused rather than read: some 50,000 containers. */
    private static final int MAX_ANSWER = 256 << 20;

    /** One container as the list call reports it; a field the engine left out is empty. */
    record Row(String id, List<String> names, String image, String state, String status, Map<String, String> labels,
               List<Mount> mounts, List<String> networks, List<Port> ports) {
        /** Its name without the leading slash, or its id when it has none. */
        String name() {
            return names.isEmpty() ? id : names.get(0).replaceFirst("^/", "");
        }
    }

    /** A volume or bind mount: a bind's name is empty; {@code source}: where it is on the host. */
    record Mount(String name, String source, String destination) {
    }

    /** A port as the engine binds it now; {@code publicPort} 0 when it publishes none. */
    record Port(String ip, int publicPort, String type) {
    }

    private ContainerRows() {
    }

    /** Every container, running or not, with the label ({@code key} or {@code key=value}). */
    static List<Row> withLabel(DockerHttpClient http, DockerCalls calls, String label) {
        String filters = "{\"label\":[" + quoted(label) + "]}";
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/json?all=1&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8))
                .build();
        return calls.call("list containers", () -> {
            try (DockerHttpClient.Response response = http.execute(request)) {
                byte[] body = response.getBody().readNBytes(MAX_ANSWER + 1);
                if (body.length > MAX_ANSWER) {
                    throw new EngineException("list containers on " + calls.host() + ": the engine's answer is over "
                            + (MAX_ANSWER >> 20) + " MiB");
                }
                JsonNode answer = JsonTree.read(body);
                if (response.getStatusCode() != 200) {
                    String message = answer != null && answer.path("message").isTextual() ? answer.path("message").asText()
                            : new String(body, StandardCharsets.UTF_8).strip();
                    throw new EngineException("list containers on " + calls.host() + ": " + message + " (HTTP "
                            + response.getStatusCode() + ")");
                }
                if (answer == null || !answer.isArray()) {
                    throw new EngineException("list containers on " + calls.host() + ": the engine's answer is not a list");
                }
                List<Row> rows = new ArrayList<>(answer.size());
                answer.forEach(c -> rows.add(row(c)));
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String quoted(String text) {
        return JsonTree.quoted(text);
    }

    static Row row(JsonNode c) {
        List<String> names = new ArrayList<>();
        c.path("Names").forEach(n -> names.add(n.asText()));
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<Mount> mounts = new ArrayList<>();
        c.path("Mounts").forEach(m -> mounts.add(new Mount(m.path("Name").asText(""), m.path("Source").asText(""),
                m.path("Destination").asText(""))));
        List<String> networks = new ArrayList<>();
        c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
        List<Port> ports = new ArrayList<>();
        c.path("Ports").forEach(p -> ports.add(new Port(p.path("IP").asText(""), p.path("PublicPort").asInt(0),
                p.path("Type").asText("tcp"))));
        return new Row(c.path("Id").asText(""), names, c.path("Image").asText(""), c.path("State").asText(""),
                c.path("Status").asText(""), labels, mounts, networks, ports);
    }
}
