package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.function.Supplier;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.transport.DockerHttpClient;
import io.mooring.engine.ContainerStatus;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.engine.ListedState;
import io.mooring.model.Labels;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.model.PortMapping;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** What the engine reports about containers: a tenant's list, one container's state, address and last log lines. */
final class DockerInspector {
    private final Supplier<DockerClient> docker;
    private final DockerHttpClient http;
    private final DockerCalls calls;

    /** The label Swarm puts on each of a service's task containers. */
    static final String SWARM_SERVICE = "com.docker.swarm.service.id";

    DockerInspector(Supplier<DockerClient> docker, DockerHttpClient http, DockerCalls calls) {
        this.docker = docker;
        this.http = http;
        this.calls = calls;
    }

    ObservedState observe(String tenant) {
        List<ContainerRows.Row> found = ContainerRows.withLabel(http, calls, Labels.TENANT + "=" + tenant);
        // A Swarm task's container carries the tenant's labels too; it is its service's, which Swarm runs, never this engine's.
        // A container Mooring made on this engine carries its node's label, so a tenant's own label cannot hide one of them.
        return new ObservedState(tenant, found.stream().filter(c -> !c.labels().containsKey(SWARM_SERVICE)
                        || c.labels().containsKey(Labels.NODE))
                .map(DockerInspector::observed).toList());
    }

    List<Engine.PublishedPort> publishedPorts() {
        List<Engine.PublishedPort> ports = new ArrayList<>();
        for (ContainerRows.Row c : ContainerRows.withLabel(http, calls, Labels.TENANT)) {
            Map<String, String> labels = c.labels();
            String tenant = labels.getOrDefault(Labels.TENANT, "");
            String node = labels.getOrDefault(Labels.NODE, "");
            if (labels.containsKey(Labels.PORTS)) {
                // Running or not: a stopped or restarting container's ports are its tenant's still.
                for (PortMapping port : PortMapping.fromLabel(labels.get(Labels.PORTS))) {
                    ports.add(new Engine.PublishedPort(tenant, c.name(), port.hostIp(), port.hostPort(), port.protocol(), node));
                }
                continue;
            }
            // Created before the label: what the engine binds now (nothing while it is stopped).
            for (ContainerRows.Port port : c.ports()) {
                if (port.publicPort() != 0) {
                    ports.add(new Engine.PublishedPort(tenant, c.name(), port.ip(), port.publicPort(), port.type(), node));
                }
            }
        }
        return ports;
    }

    private static ObservedContainer observed(ContainerRows.Row c) {
        Map<String, String> labels = c.labels();
        List<String> volumes = c.mounts().stream()
                .filter(m -> !m.name().isEmpty() && !anonymous(m.name()))
                .map(ContainerRows.Mount::name).toList();
        List<VolumeMount> anonymous = c.mounts().stream()
                .filter(m -> anonymous(m.name()) && !m.destination().isEmpty())
                .map(m -> new VolumeMount(VolumeMount.Kind.NAMED, m.name(), m.destination(), false)).toList();
        return new ObservedContainer(c.id(), c.name(), labels.getOrDefault(Labels.TENANT, ""),
                labels.getOrDefault(Labels.COMPONENT, ""), labels.getOrDefault(Labels.REVISION, ""),
                labels.getOrDefault(Labels.SPEC_HASH, ""), labels.getOrDefault(Labels.IMAGE, c.image()),
                ListedState.of(c.state(), c.status()), labels.getOrDefault(Labels.DIGEST, ""), c.image(),
                specFields(labels.getOrDefault(Labels.SPEC_FIELDS, "")), labels.getOrDefault(Labels.JOB, ""),
                "true".equals(labels.get(Labels.PRUNE_VOLUMES)), volumes, anonymous, c.networks().stream().sorted().toList(),
                List.of(labels.getOrDefault(Labels.EXTERNAL_VOLUMES, "").split(",")).stream().filter(v -> !v.isEmpty()).toList(),
                labels.getOrDefault(Labels.NODE, ""));
    }

    /** The engine names an anonymous volume by 64 hexadecimal digits. */
    private static boolean anonymous(String volumeName) {
        return volumeName.matches("[0-9a-f]{64}");
    }

    private static Map<String, String> specFields(String label) {
        Map<String, String> fields = new java.util.TreeMap<>();
        for (String pair : label.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    ContainerStatus status(String id) {
        InspectContainerResponse inspect = calls.call("inspect container " + id, () -> docker.get().inspectContainerCmd(id).exec());
        InspectContainerResponse.ContainerState state = inspect.getState();
        String health = state.getHealth() == null ? "none" : state.getHealth().getStatus();
        Long exit = state.getExitCodeLong();
        Integer restarts = inspect.getRestartCount();
        Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null ? Map.of()
                : inspect.getConfig().getLabels();
        String status = Objects.toString(state.getStatus(), "unknown");
        int code = exit == null ? 0 : exit.intValue();
        if ("running".equals(status) && restarts != null && restarts > 0) {
            // Started again by the engine: the inspected code is the running one's (0); the engine's events keep how it exited.
            code = lastExitCode(id, inspect.getCreated()).orElse(code);
        }
        return new ContainerStatus(status, health, code, restarts == null ? 0 : restarts, "true".equals(labels.get(Labels.RUN_ONCE)));
    }

    /** Now as the engine's events take it: a time in the future would keep the stream open until then. */
    private static String until(java.time.Instant now) {
        return now.getEpochSecond() + "." + String.format("%09d", now.getNano());
    }

    /** The exit code of the container's last {@code die} event since it was created, when the engine still has it. */
    private java.util.Optional<Integer> lastExitCode(String id, String created) {
        List<String> codes = new java.util.concurrent.CopyOnWriteArrayList<>();
        ResultCallback.Adapter<com.github.dockerjava.api.model.Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Event event) {
                if (event.getActor() != null && event.getActor().getAttributes() != null
                        && event.getActor().getAttributes().get("exitCode") != null) {
                    codes.add(event.getActor().getAttributes().get("exitCode"));
                }
            }
        };
        try {
            long since = created == null ? 0 : java.time.Instant.parse(created).getEpochSecond();
            docker.get().eventsCmd().withSince(Long.toString(since)).withUntil(until(java.time.Instant.now()))
                    .withContainerFilter(id).withEventFilter("die").exec(callback).awaitCompletion(5, TimeUnit.SECONDS);
            return codes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Integer.parseInt(codes.get(codes.size() - 1)));
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // the message then lacks the code, nothing else
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } finally {
            try {
                callback.close();
            } catch (java.io.IOException e) {
                // closed already
            }
        }
    }

    String address(String id) {
        InspectContainerResponse inspect = calls.call("inspect container " + id, () -> docker.get().inspectContainerCmd(id).exec());
        if ("host".equals(inspect.getHostConfig().getNetworkMode())) {
            return "127.0.0.1";
        }
        var networks = inspect.getNetworkSettings() == null ? null : inspect.getNetworkSettings().getNetworks();
        if (networks != null) {
            for (var network : networks.values()) {
                if (network.getIpAddress() != null && !network.getIpAddress().isEmpty()) {
                    return network.getIpAddress();
                }
            }
        }
        throw new EngineException("container " + id + " has no network address to probe (network_mode: none?); use an exec probe");
    }

    String logTail(String id, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            docker.get().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(logs unavailable: " + DockerEngine.message(e) + ")";
        }
        return out.toString().strip();
    }
}
