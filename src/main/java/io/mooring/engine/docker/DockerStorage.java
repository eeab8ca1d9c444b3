package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.function.Supplier;
import io.mooring.engine.Engine.LocalImage;
import io.mooring.engine.EngineException;
import io.mooring.model.ImageRef;
import io.mooring.model.ComposeResources;
import io.mooring.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** What the engine keeps on disk: images pulled through the registry, the tenants' named volumes, and the room left. */
final class DockerStorage {
    private final Supplier<DockerClient> docker;
    private final DockerCalls calls;
    private final DockerRegistry registry;
    private final Duration pullTimeout;
    private volatile String dataRoot;

    DockerStorage(Supplier<DockerClient> docker, DockerCalls calls, DockerRegistry registry, Duration pullTimeout) {
        this.docker = docker;
        this.calls = calls;
        this.registry = registry;
        this.pullTimeout = pullTimeout;
    }

    void pull(ImageRef image) {
        try {
            pullOnce(image);
        } catch (EngineException e) {
            throw registry.explained(image, e);
        }
    }

    private void pullOnce(ImageRef image) {
        String tag = image.digest() != null ? image.digest() : image.tag();
        calls.call("pull " + image, () -> {
            try {
                var pull = docker.get().pullImageCmd(image.name()).withTag(tag);
                registry.authFor(image).ifPresent(pull::withAuthConfig);
                // A registry that accepts the connection and never answers would hold the pass forever; closing the
                // callback closes the stream, and the engine drops the pull with it.
                try (PullCallback progress = pull.exec(new PullCallback())) {
                    if (!progress.await(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new EngineException("pull " + image + " on " + calls.host() + ": not done within " + words(pullTimeout)
                                + " (the agent's rollout.pullTimeout); given up, the next pass tries again");
                    }
                    if (progress.error() != null) {
                        throw new EngineException("pull " + image + " on " + calls.host() + ": " + progress.error());
                    }
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("pull " + image + ": interrupted", e);
            } catch (IOException e) {
                throw new EngineException("pull " + image + ": " + DockerEngine.message(e), e);
            }
        });
    }

    /** "10 minutes", "2 seconds", "1500 ms": a timeout as a person reads it. */
    static String words(Duration timeout) {
        if (timeout.toMillis() % 60_000 == 0) {
            long minutes = timeout.toMinutes();
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (timeout.toMillis() % 1_000 == 0) {
            long seconds = timeout.toSeconds();
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        return timeout.toMillis() + " ms";
    }

    Optional<LocalImage> localImage(ImageRef image) {
        List<String> repoDigests;
        try {
            repoDigests = calls.call("inspect image " + image, () -> docker.get().inspectImageCmd(image.reference()).exec()).getRepoDigests();
        } catch (DockerCalls.NotFound e) {
            return Optional.empty();
        }
        if (image.digest() != null) {
            return Optional.of(new LocalImage(image.digest()));
        }
        // The engine writes Docker Hub's names short (omnileads/omlapp@..., rabbitmq@...), whichever way they were pulled.
        List<String> prefixes = List.of(image.name() + "@", image.engineName() + "@");
        return Optional.of(new LocalImage(repoDigests == null ? "" : repoDigests.stream()
                .flatMap(d -> prefixes.stream().filter(d::startsWith).map(p -> d.substring(p.length())))
                .findFirst().orElse("")));
    }

    OptionalLong freeDiskBytes() {
        String root = dataRoot;
        if (root == null) {
            root = calls.call("read the engine's info", () -> docker.get().infoCmd().exec()).getDockerRootDir();
            if (root == null) {
                return OptionalLong.empty();
            }
            dataRoot = root; // set when the engine starts; asking on every pass costs a slow info call
        }
        try {
            return OptionalLong.of(Files.getFileStore(Path.of(root)).getUsableSpace());
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    boolean removeVolume(String name, String tenant) {
        try {
            Map<String, String> labels = calls.call("inspect volume " + name, () -> docker.get().inspectVolumeCmd(name).exec()).getLabels();
            if (labels == null || !tenant.equals(labels.get(Labels.TENANT))) {
                return false;
            }
            calls.call("remove volume " + name, () -> docker.get().removeVolumeCmd(name).exec());
            return true;
        } catch (DockerCalls.NotFound e) {
            return false;
        }
    }

    boolean ensureVolume(String name, String tenant, ComposeResources.VolumeSpec declared) {
        try {
            var found = calls.call("inspect volume " + name, () -> docker.get().inspectVolumeCmd(name).exec());
            Map<String, String> labels = found.getLabels();
            String owner = labels == null ? null : labels.get(Labels.TENANT);
            if (!tenant.equals(owner)) {
                // Adopting a volume by its name alone would hand this tenant's containers whatever data it holds.
                throw new EngineException("volume " + name + " is not tenant " + tenant + "'s (" + (owner == null
                        ? "it carries no Mooring labels); Mooring never adopts it: rename the volume in components.yml, or"
                          + " copy its data into a volume labelled " + Labels.TENANT + "=" + tenant
                        : "it belongs to tenant " + owner + "); Mooring never adopts it: rename the volume in components.yml"
                          + " so that the tenants do not share data"));
            }
            Map<String, String> options = found.getOptions() == null ? Map.of() : found.getOptions();
            if ("local".equals(found.getDriver()) && ComposeResources.VolumeSpec.bindsHostFolder(options)) {
                // Made before such volumes were refused, or by hand: the engine would follow links in its device.
                throw new EngineException("volume " + name + " of tenant " + tenant + " binds a host folder (driver options "
                        + options + "); Mooring does not mount it: a host folder is a bind mount under the service's"
                        + " volumes:, which the guardrails check; remove the volume (docker volume rm " + name + ") once"
                        + " its data is safe");
            }
            return false;
        } catch (DockerCalls.NotFound e) {
            if (declared != null && declared.external()) {
                throw new EngineException("volume " + name + " is declared external, so Mooring does not make it, and it is not"
                        + " there; create it labelled as the tenant's (docker volume create --label " + Labels.TENANT + "=" + tenant
                        + " " + name + "), or drop external: true");
            }
            Map<String, String> labels = new java.util.TreeMap<>(declared == null ? Map.of() : declared.labels());
            labels.put(Labels.TENANT, tenant);
            var create = docker.get().createVolumeCmd().withName(name).withLabels(labels);
            if (declared != null && !declared.driverOptions().isEmpty()) {
                create.withDriver(declared.driver()).withDriverOpts(new java.util.TreeMap<>(declared.driverOptions()));
            }
            calls.call("create volume " + name, create::exec);
            return true;
        }
    }
}
