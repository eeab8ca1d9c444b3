package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.mooring.engine.OwnershipLabels;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Guardrails;
import io.mooring.model.Hook;
import io.mooring.model.HostAccess;
import io.mooring.model.PortMapping;
import io.mooring.model.Revision;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Translates a desired container into docker-java's create command, with Mooring's ownership labels. */
final class DockerContainerSpec {
    private DockerContainerSpec() {
    }

    /** A hook's job: the component's image, environment, volumes and network, the hook's command, no ports, no restarts. */
    static CreateContainerCmd toJobCommand(DockerClient docker, DesiredContainer spec, Hook hook, String name, String node,
                                           Revision revision, String digest, List<Mount> files) {
        // Not at the component's fixed address either, which its own container holds.
        CreateContainerCmd cmd = toCommand(docker, spec, name, node, revision, List.of(), digest, files, false);
        Map<String, String> labels = OwnershipLabels.ofJob(spec, hook.name(), node, revision, digest);
        HostConfig host = cmd.getHostConfig().withPortBindings(new Ports()).withRestartPolicy(RestartPolicy.noRestart());
        // On the tenant's network, but not answering to the component's name: that is the component's own container.
        return cmd.withLabels(labels).withAliases(List.of()).withCmd(hook.command()).withExposedPorts(List.of())
                .withHealthcheck(new HealthCheck().withTest(List.of("NONE"))).withHostConfig(host);
    }

    /** {@code files}: the secrets and configs, as read-only bind mounts of the agent's files ({@link DockerFileMounts}). */
    static CreateContainerCmd toCommand(DockerClient docker, DesiredContainer spec, String name, String node,
                                        Revision revision, List<VolumeMount> extraMounts, String digest, List<Mount> files) {
        return toCommand(docker, spec, name, node, revision, extraMounts, digest, files, true);
    }

    private static CreateContainerCmd toCommand(DockerClient docker, DesiredContainer spec, String name, String node, Revision revision,
                                                List<VolumeMount> extraMounts, String digest, List<Mount> files, boolean fixedAddress) {
        // Every label Mooring reads is set, so that none is the image's (the engine merges those in).
        Map<String, String> labels = OwnershipLabels.of(spec, node, revision, digest);

        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortMapping port : spec.ports()) {
            ExposedPort exposedPort = new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol()));
            exposed.add(exposedPort);
            if (port.hostPort() != 0) {
                bindings.bind(exposedPort, port.hostIp().isEmpty()
                        ? Ports.Binding.bindPort(port.hostPort())
                        : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()));
            }
        }

        List<Bind> binds = new ArrayList<>();
        List<Volume> anonymous = new ArrayList<>();
        // A volume carried over from the replaced container takes the place of a fresh anonymous one.
        Set<String> carried = extraMounts.stream().map(VolumeMount::target).collect(Collectors.toSet());
        List<VolumeMount> mounts = new ArrayList<>(spec.volumes().stream()
                .filter(v -> v.kind() != VolumeMount.Kind.ANONYMOUS || !carried.contains(v.target())).toList());
        mounts.addAll(extraMounts);
        for (VolumeMount mount : mounts) {
            if (mount.kind() == VolumeMount.Kind.ANONYMOUS) {
                anonymous.add(new Volume(mount.target()));
            } else {
                binds.add(new Bind(mount.source(), new Volume(mount.target()), mount.readOnly() ? AccessMode.ro : AccessMode.rw));
            }
        }

        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withBinds(binds)
                .withRestartPolicy(RestartPolicy.parse(spec.restart()));
        if (!files.isEmpty()) {
            host.withMounts(files);
        }
        HostAccess access = spec.access();
        if (access.privileged()) {
            host.withPrivileged(true);
        }
        if (!access.pid().isEmpty()) {
            host.withPidMode(access.pid());
        }
        if (!access.ipc().isEmpty()) {
            host.withIpcMode(access.ipc());
        }
        String network = spec.network();
        if (!network.isEmpty()) {
            host.withNetworkMode(network);
        } else if (!access.networkMode().isEmpty()) {
            host.withNetworkMode(access.networkMode());
        }
        if (!access.capAdd().isEmpty()) {
            host.withCapAdd(access.capAdd().stream().map(c -> Capability.valueOf(Guardrails.capability(c))).toArray(Capability[]::new));
        }
        if (!access.devices().isEmpty()) {
            host.withDevices(access.devices().stream()
                    .map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath())).toArray(Device[]::new));
        }
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
        }
        String image = digest.isEmpty() || spec.image().digest() != null ? spec.image().reference() : spec.image().name() + "@" + digest;
        CreateContainerCmd cmd = docker.createContainerCmd(image)
                .withName(name)
                .withLabels(labels)
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed)
                .withVolumes(anonymous)
                .withHostConfig(host);
        DockerOptions.apply(spec.options(), cmd, host, exposed);
        cmd.withExposedPorts(exposed);
        if (!network.isEmpty()) {
            // As under Compose: the component's name finds it (both containers of a side-by-side rollout, meanwhile).
            List<String> aliases = new ArrayList<>(List.of(spec.component()));
            spec.options().networks().stream().findFirst().ifPresent(first -> {
                aliases.addAll(first.aliases());
                if (fixedAddress && !first.ipv4Address().isEmpty()) {
                    cmd.withIpv4Address(first.ipv4Address());
                }
            });
            cmd.withAliases(aliases);
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (spec.healthcheck() != null) {
            cmd.withHealthcheck(healthcheck(spec.healthcheck()));
        }
        return cmd;
    }

    static HealthCheck healthcheck(io.mooring.model.HealthCheck check) {
        HealthCheck health = new HealthCheck().withTest(check.test());
        if (check.interval() != null) {
            health.withInterval(check.interval().toNanos());
        }
        if (check.timeout() != null) {
            health.withTimeout(check.timeout().toNanos());
        }
        if (check.retries() != null) {
            health.withRetries(check.retries());
        }
        if (check.startPeriod() != null) {
            health.withStartPeriod(check.startPeriod().toNanos());
        }
        if (check.startInterval() != null) {
            health.withStartInterval(check.startInterval().toNanos());
        }
        return health;
    }
}
