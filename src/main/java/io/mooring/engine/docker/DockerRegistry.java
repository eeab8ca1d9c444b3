package io.mooring.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import io.mooring.engine.EngineException;
import io.mooring.model.ImageRef;
import io.mooring.model.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Registries as the engine reaches them: the credentials for an image, and a tag's digest asked without pulling. */
final class DockerRegistry {
    private static final Pattern AUTH_REFUSED = Pattern.compile(
            "(?i)no basic auth credentials|unauthorized|authentication required|access to the resource is denied");

    private final DockerHttpClient http;
    private final String host;
    private final Map<String, RegistryCredentials> credentials;

    DockerRegistry(DockerHttpClient http, String host, List<RegistryCredentials> credentials) {
        this.http = http;
        this.host = host;
        this.credentials = credentials.stream().collect(Collectors.toMap(RegistryCredentials::registry, c -> c, (a, b) -> b));
    }

    /** The digest the registry serves for the reference now, from the engine's distribution inspect. */
    String digest(ImageRef image) {
        String what = "ask the registry for " + image;
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/distribution/" + image.reference() + "/json");
        authFor(image).ifPresent(auth -> request.putHeader("X-Registry-Auth", authHeader(auth)));
        try (DockerHttpClient.Response response = http.execute(request.build())) {
            String body = new String(response.getBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200) {
                throw explained(image, new EngineException(what + ": " + errorMessage(body) + " (HTTP " + response.getStatusCode() + ")"));
            }
            JsonNode digest = JsonTree.read(body).path("Descriptor").path("digest");
            if (!digest.isTextual()) {
                throw new EngineException(what + ": the engine's answer holds no digest");
            }
            return digest.asText();
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException engineException) {
                throw engineException;
            }
            throw new EngineException("cannot reach the Docker engine at " + host + " (" + what + "): " + DockerEngine.message(e), e);
        }
    }

    /** A refusal for want of (the right) credentials says where the agent takes them from; other errors pass as they are. */
    EngineException explained(ImageRef image, EngineException e) {
        String message = String.valueOf(e.getMessage());
        if (!AUTH_REFUSED.matcher(message).find()) {
            return e;
        }
        String host = registryOf(image);
        String hint = credentials.containsKey(host)
                ? "; the registry refused the credentials for " + host + " in the agent's rollout.registries"
                : "; if " + host + " needs a login, give its credentials under rollout.registries in the agent's configuration";
        return new EngineException(message + hint, e);
    }

    private static String errorMessage(String body) {
        try {
            JsonNode message = JsonTree.read(body).path("message");
            return message.isTextual() ? message.asText() : body.strip();
        } catch (IOException e) {
            return body.strip();
        }
    }

    /** The agent's credentials for the image's registry (docker.io when the name has no registry host). */
    Optional<AuthConfig> authFor(ImageRef image) {
        String registry = registryOf(image);
        RegistryCredentials found = credentials.get(registry);
        return found == null ? Optional.empty() : Optional.of(new AuthConfig().withRegistryAddress(registry)
                .withUsername(found.username()).withPassword(found.password()));
    }

    private static String registryOf(ImageRef image) {
        String name = image.name();
        int slash = name.indexOf('/');
        String first = slash > 0 ? name.substring(0, slash) : "";
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return registry && !first.equals("index.docker.io") ? first : "docker.io";
    }

    /** Made at the first credentials written: a pass with none never makes an ObjectMapper ({@link JsonTree}). */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private static String authHeader(AuthConfig auth) {
        try {
            byte[] json = Writer.JSON.writeValueAsBytes(Map.of("username", auth.getUsername(), "password", auth.getPassword(),
                    "serveraddress", auth.getRegistryAddress()));
            return Base64.getUrlEncoder().encodeToString(json);
        } catch (IOException e) {
            throw new EngineException("cannot encode registry credentials", e);
        }
    }
}
