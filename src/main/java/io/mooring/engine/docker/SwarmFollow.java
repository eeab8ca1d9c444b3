package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceUpdateStatus;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.mooring.engine.SwarmEngine.Rollout;
import io.mooring.model.Labels;
import io.mooring.model.ObservedService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What Swarm reports of a tenant's services and their tasks, and a service followed until its rollout ends. */
final class SwarmFollow {
    /** How often a rollout is looked at. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** Failed tasks of a new service's spec after which Swarm is not waited for any longer: it would start them forever. */
    private static final int FAILED_STARTS = 3;
    /** How many of a service's failed tasks are reported, the latest first. */
    private static final int FAILED_SHOWN = 5;

    private final DockerClient docker;
    private final DockerCalls calls;

    SwarmFollow(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    List<ObservedService> services(String tenant) {
        List<Service> services = calls.call("list the services of tenant " + tenant,
                () -> docker.listServicesCmd().withLabelFilter(Map.of(Labels.TENANT, tenant)).exec());
        if (services.isEmpty()) {
            return List.of();
        }
        Map<String, String> nodes = new HashMap<>();
        for (SwarmNode node : calls.call("list the swarm's nodes", () -> docker.listSwarmNodesCmd().exec())) {
            boolean named = node.getDescription() != null && node.getDescription().getHostname() != null;
            nodes.put(node.getId(), named ? node.getDescription().getHostname() : node.getId());
        }
        return services.stream().map(s -> observed(s, tasks(s.getId()), nodes)).sorted(Comparator.comparing(ObservedService::name)).toList();
    }

    /** Follows the service until its update ends, or (no update under way: just created) its tasks run or keep failing. */
    Rollout await(String serviceId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Long> runningSince = new HashMap<>();
        while (true) {
            Service service;
            try {
                service = calls.call("inspect service " + serviceId, () -> docker.inspectServiceCmd(serviceId).exec());
            } catch (DockerCalls.NotFound e) {
                return new Rollout(false, "removed", "service " + serviceId + " was removed while Mooring followed it", "", null);
            }
            List<Task> tasks = tasks(serviceId);
            ServiceUpdateStatus update = service.getUpdateStatus();
            Optional<Rollout> ended = update != null && update.getState() != null ? updateEnded(update, tasks)
                    : startEnded(service, tasks, runningSince);
            if (ended.isPresent()) {
                return ended.get();
            }
            if (Instant.now().isAfter(deadline)) {
                Optional<Task> failed = lastFailed(tasks, update == null ? null : update.getStartedAt());
                return new Rollout(false, "timeout", "not done within " + DockerStorage.words(timeout) + " (Swarm's update state: "
                        + (update == null || update.getState() == null ? "none" : state(update)) + ")", error(failed), exitCode(failed));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Rollout(false, "interrupted", "the agent stopped following service " + serviceId, "", null);
            }
        }
    }

    /** An update ends completed, or rolled back or paused after a failure; the failed task is the latest since it began. */
    private static Optional<Rollout> updateEnded(ServiceUpdateStatus update, List<Task> tasks) {
        String message = Objects.toString(update.getMessage(), "");
        return switch (update.getState()) {
            case COMPLETED -> Optional.of(new Rollout(true, state(update), message, "", null));
            case ROLLBACK_COMPLETED, PAUSED, ROLLBACK_PAUSED -> {
                Optional<Task> failed = lastFailed(tasks, update.getStartedAt());
                yield Optional.of(new Rollout(false, state(update), message, error(failed), exitCode(failed)));
            }
            default -> Optional.empty();
        };
    }

    /**
     * A service with no update: its tasks of the current spec all running for as long as Swarm monitors an update's tasks
     * (a task with a health check runs once healthy, Swarm holds it in {@code starting} until then; one without runs at
     * once, even when it exits a moment later), or {@value #FAILED_STARTS} of them failed. {@code runningSince}: when this
     * follower first saw each task running, by this JVM's clock (the manager's may differ).
     */
    private static Optional<Rollout> startEnded(Service service, List<Task> tasks, Map<String, Long> runningSince) {
        ContainerSpec current = service.getSpec().getTaskTemplate().getContainerSpec();
        List<Task> mine = tasks.stream().filter(t -> t.getSpec() != null && sameSpec(t.getSpec().getContainerSpec(), current)).toList();
        long wanted = replicas(service);
        long now = System.nanoTime();
        long monitor = monitor(service).toNanos();
        List<Task> up = mine.stream().filter(t -> state(t) == TaskState.RUNNING && t.getDesiredState() == TaskState.RUNNING).toList();
        runningSince.keySet().retainAll(up.stream().map(Task::getId).toList());
        up.forEach(t -> runningSince.putIfAbsent(t.getId(), now));
        long running = up.size();
        long steady = up.stream().filter(t -> now - runningSince.get(t.getId()) >= monitor).count();
        if (steady >= wanted) {
            return Optional.of(new Rollout(true, "running", running + " of " + wanted + " tasks running", "", null));
        }
        List<Task> failed = mine.stream().filter(SwarmFollow::failed).toList();
        if (failed.size() >= FAILED_STARTS) {
            Optional<Task> last = lastFailed(failed, null);
            return Optional.of(new Rollout(false, "failed", failed.size() + " tasks of the service failed to start; "
                    + running + " of " + wanted + " running", error(last), exitCode(last)));
        }
        return Optional.empty();
    }

    /** The service's update monitor, Swarm's default (5 seconds) when its spec has none. */
    private static Duration monitor(Service service) {
        var update = service.getSpec().getUpdateConfig();
        return update == null || update.getMonitor() == null || update.getMonitor() <= 0 ? Duration.ofSeconds(5)
                : Duration.ofNanos(update.getMonitor());
    }

    private static boolean sameSpec(ContainerSpec task, ContainerSpec service) {
        return task != null && Objects.equals(task.getImage(), service.getImage()) && Objects.equals(task.getLabels(), service.getLabels());
    }

    private List<Task> tasks(String serviceId) {
        return calls.call("list the tasks of service " + serviceId, () -> docker.listTasksCmd().withServiceFilter(serviceId).exec());
    }

    private static ObservedService observed(Service service, List<Task> tasks, Map<String, String> nodes) {
        Map<String, String> labels = service.getSpec().getLabels() == null ? Map.of() : service.getSpec().getLabels();
        ContainerSpec container = service.getSpec().getTaskTemplate().getContainerSpec();
        ServiceUpdateStatus update = service.getUpdateStatus();
        List<Task> shown = new ArrayList<>(tasks.stream().filter(t -> t.getDesiredState() == TaskState.RUNNING)
                .sorted(Comparator.comparing(t -> t.getSlot() == null ? 0 : t.getSlot())).toList());
        shown.addAll(tasks.stream().filter(SwarmFollow::failed).sorted(Comparator.comparing(SwarmFollow::time).reversed())
                .limit(FAILED_SHOWN).toList());
        int running = (int) tasks.stream().filter(t -> state(t) == TaskState.RUNNING && t.getDesiredState() == TaskState.RUNNING).count();
        return new ObservedService(service.getId(), service.getSpec().getName(), labels.getOrDefault(Labels.TENANT, ""),
                labels.getOrDefault(Labels.COMPONENT, ""), labels.getOrDefault(Labels.REVISION, ""), labels.getOrDefault(Labels.SPEC_HASH, ""),
                labels.getOrDefault(Labels.IMAGE, container.getImage()), labels.getOrDefault(Labels.DIGEST, ""),
                service.getVersion() == null ? 0 : service.getVersion().getIndex(),
                update == null || update.getState() == null ? "" : state(update), update == null ? "" : Objects.toString(update.getMessage(), ""),
                (int) replicas(service), running, shown.stream().map(t -> task(t, nodes)).toList());
    }

    private static ObservedService.Task task(Task task, Map<String, String> nodes) {
        String image = task.getSpec() == null || task.getSpec().getContainerSpec() == null ? "" : task.getSpec().getContainerSpec().getImage();
        return new ObservedService.Task(task.getId(), task.getSlot() == null ? 0 : task.getSlot(),
                task.getNodeId() == null ? "" : nodes.getOrDefault(task.getNodeId(), task.getNodeId()),
                state(task) == null ? "" : state(task).getValue(), task.getDesiredState() == null ? "" : task.getDesiredState().getValue(),
                error(Optional.of(task)), exitCode(Optional.of(task)), Objects.toString(image, ""));
    }

    private static long replicas(Service service) {
        var mode = service.getSpec().getMode();
        return mode == null || mode.getReplicated() == null ? 0 : mode.getReplicated().getReplicas();
    }

    /** The latest failed task, of those that ended after {@code since} when given. */
    private static Optional<Task> lastFailed(List<Task> tasks, Date since) {
        return tasks.stream().filter(SwarmFollow::failed).filter(t -> since == null || !time(t).isBefore(since.toInstant()))
                .max(Comparator.comparing(SwarmFollow::time));
    }

    /**
     * Failed or rejected, or ended on its own: a service's task is meant to run, and Swarm stops the ones it replaces as
     * {@code shutdown}. A container Swarm stops for failing its health check may exit 0 and end {@code complete}.
     */
    private static boolean failed(Task task) {
        return state(task) == TaskState.FAILED || state(task) == TaskState.REJECTED || state(task) == TaskState.COMPLETE;
    }

    private static TaskState state(Task task) {
        return task.getStatus() == null ? null : task.getStatus().getState();
    }

    private static String state(ServiceUpdateStatus update) {
        return update.getState().name().toLowerCase(Locale.ROOT);
    }

    private static Instant time(Task task) {
        try {
            return Instant.parse(task.getStatus().getTimestamp());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** Swarm's error of the task, or when it has none (a task that ended on its own), what Swarm said of its end. */
    private static String error(Optional<Task> task) {
        return task.filter(t -> t.getStatus() != null).map(t -> {
            String err = Objects.toString(t.getStatus().getErr(), "");
            if (!err.isEmpty() || !failed(t)) {
                return err;
            }
            Integer code = exitCode(task);
            return "task ended " + state(t).getValue() + " (" + Objects.toString(t.getStatus().getMessage(), "") + ")"
                    + (code == null ? "" : " with exit code " + code) + " where it should run: its container stopped on its own,"
                    + " or was stopped for failing its health check";
        }).orElse("");
    }

    private static Integer exitCode(Optional<Task> task) {
        return task.map(Task::getStatus).map(s -> s.getContainerStatus()).map(c -> c.getExitCode()).orElse(null);
    }
}
