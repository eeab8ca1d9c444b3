package io.mooring.engine.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecConfig;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import com.github.dockerjava.api.model.VolumeOptions;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredService;
import io.mooring.model.Labels;
import io.mooring.model.PortMapping;
import io.mooring.model.SwarmFile;
import io.mooring.model.SwarmResources;
import io.mooring.model.SwarmRestart;
import io.mooring.model.SwarmUpdate;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates a desired service into Swarm's service spec: Mooring's labels on the service and on its tasks' containers,
 * the image pinned, the update policy used for rollbacks too, and its secrets and configs by the ids the swarm gave them.
 */
final class SwarmServiceSpec {
    private SwarmServiceSpec() {
    }

    /**
     * The service's spec. {@code fileIds}: a secret's or config's id by its name ({@link SwarmFiles}); a name it does not
     * know is an error that says to make the files first.
     */
    static ServiceSpec of(DesiredService service, String revision, String pinned, String digest, Function<SwarmFile, String> fileIds) {
        Map<String, String> labels = labels(service, revision, digest);
        ContainerSpec container = new ContainerSpec()
                .withImage(pinned)
                .withLabels(labels)
                .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withMounts(mounts(service))
                .withSecrets(service.files().stream().filter(SwarmFile::secret)
                        .map(f -> new ContainerSpecSecret().withSecretName(f.name()).withSecretId(fileIds.apply(f)).withFile(file(f))).toList())
                .withConfigs(service.files().stream().filter(f -> !f.secret())
                        .map(f -> new ContainerSpecConfig().withConfigName(f.name()).withConfigID(fileIds.apply(f)).withFile(file(f))).toList());
        if (!service.command().isEmpty()) {
            // Compose's command is the image's CMD replaced (Swarm's Args); its entrypoint stays.
            container.withArgs(service.command());
        }
        if (service.healthcheck() != null) {
            container.withHealthCheck(DockerContainerSpec.healthcheck(service.healthcheck()));
        }
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container)
                .withRestartPolicy(restart(service.restart()))
                .withPlacement(new ServicePlacement().withConstraints(service.constraints()))
                .withNetworks(service.networks().stream().map(n -> new NetworkAttachmentConfig().withTarget(n)
                        .withAliases(List.of(service.component()))).toList());
        resources(service.resources(), task);
        return new ServiceSpec()
                .withName(service.serviceName())
                .withLabels(labels)
                .withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(service.replicas())))
                .withUpdateConfig(update(service.update()))
                // Mooring rolls back as it rolled out: one policy for both.
                .withRollbackConfig(update(service.update()))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.VIP).withPorts(ports(service)));
    }

    /** Mooring's labels, each set, so that none is the image's: the service's and its tasks' containers'. */
    static Map<String, String> labels(DesiredService service, String revision, String digest) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.TENANT, service.tenant());
        labels.put(Labels.COMPONENT, service.component());
        labels.put(Labels.REVISION, revision);
        labels.put(Labels.SPEC_HASH, service.specHash());
        labels.put(Labels.SPEC_FIELDS, String.join(";", service.specFields().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        labels.put(Labels.IMAGE, service.image().reference());
        labels.put(Labels.DIGEST, digest);
        return labels;
    }

    /**
     * Named volumes are the tenant's, named as a single host names them ({@code data} of {@code acme} is {@code acme_data})
     * and labelled as its own when a task's node first makes them; binds as allowed; anonymous volumes are the task's.
     */
    private static List<Mount> mounts(DesiredService service) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount volume : service.volumes()) {
            Mount mount = new Mount().withTarget(volume.target()).withReadOnly(volume.readOnly());
            switch (volume.kind()) {
                case NAMED -> mount.withType(MountType.VOLUME).withSource(volume.source())
                        .withVolumeOptions(new VolumeOptions().withLabels(Map.of(Labels.TENANT, service.tenant())));
                case BIND -> mount.withType(MountType.BIND).withSource(volume.source());
                case ANONYMOUS -> mount.withType(MountType.VOLUME);
            }
            mounts.add(mount);
        }
        return mounts;
    }

    private static ContainerSpecFile file(SwarmFile file) {
        return new ContainerSpecFile().withName(file.target()).withUid(file.uid()).withGid(file.gid()).withMode((long) file.mode());
    }

    private static List<PortConfig> ports(DesiredService service) {
        // Published through Swarm's routing mesh on every node; a port with no host side is reachable inside the network only.
        List<PortMapping> ports = service.ports();
        ports.stream().filter(p -> p.hostPort() != 0 && !p.hostIp().isEmpty()).findFirst().ifPresent(p -> {
            throw new EngineException("service " + service.serviceName() + " publishes port " + p + " on address " + p.hostIp()
                    + ", and Swarm publishes a port on every address of every node: it would be open beyond " + p.hostIp()
                    + "; drop the address from the port in components.yml, or keep a port meant for one address off the swarm");
        });
        return ports.stream().filter(p -> p.hostPort() != 0).map(p -> new PortConfig()
                .withProtocol(PortConfigProtocol.valueOf(p.protocol().toUpperCase(Locale.ROOT)))
                .withTargetPort(p.containerPort())
                .withPublishedPort(p.hostPort())
                .withPublishMode(PortConfig.PublishMode.ingress)).toList();
    }

    private static ServiceRestartPolicy restart(SwarmRestart restart) {
        return new ServiceRestartPolicy()
                .withCondition(switch (restart.condition()) {
                    case "none" -> ServiceRestartCondition.NONE;
                    case "on-failure" -> ServiceRestartCondition.ON_FAILURE;
                    default -> ServiceRestartCondition.ANY;
                })
                .withDelay(restart.delay().toNanos())
                .withMaxAttempts((long) restart.maxAttempts())
                .withWindow(restart.window().toNanos());
    }

    static UpdateConfig update(SwarmUpdate update) {
        return new UpdateConfig()
                .withParallelism((long) update.parallelism())
                .withDelay(update.delay().toNanos())
                .withOrder(update.order().equals(SwarmUpdate.START_FIRST) ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST)
                .withFailureAction(switch (update.failureAction()) {
                    case "pause" -> UpdateFailureAction.PAUSE;
                    case "continue" -> UpdateFailureAction.CONTINUE;
                    default -> UpdateFailureAction.ROLLBACK;
                })
                .withMonitor(update.monitor().toNanos())
                .withMaxFailureRatio((float) update.maxFailureRatio());
    }

    private static void resources(SwarmResources resources, TaskSpec task) {
        if (resources.equals(SwarmResources.NONE)) {
            return;
        }
        Limits limits = new Limits(resources.pids());
        if (resources.nanoCpus() > 0) {
            limits.withNanoCPUs(resources.nanoCpus());
        }
        if (resources.memoryBytes() > 0) {
            limits.withMemoryBytes(resources.memoryBytes());
        }
        ResourceSpecs reserved = new ResourceSpecs();
        if (resources.reservedNanoCpus() > 0) {
            reserved.withNanoCPUs(resources.reservedNanoCpus());
        }
        if (resources.reservedMemoryBytes() > 0) {
            reserved.withMemoryBytes(resources.reservedMemoryBytes());
        }
        task.withResources(new ResourceRequirements().withLimits(limits).withReservations(reserved));
    }

    /** Swarm's task limits with the process limit (API 1.41), which docker-java's model does not carry. */
    static final class Limits extends ResourceSpecs {
        private static final long serialVersionUID = 1L;

        @JsonProperty("Pids")
        private final Long pids;

        Limits(long pids) {
            this.pids = pids > 0 ? pids : null;
        }

        Long pids() {
            return pids;
        }
    }
}
