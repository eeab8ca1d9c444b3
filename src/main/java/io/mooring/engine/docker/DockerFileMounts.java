package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.function.Supplier;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.transport.DockerHttpClient;
import io.mooring.engine.FileFolder;
import io.mooring.model.ContainerOptions.FileMount;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Labels;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The secrets and configs of a container as read-only bind mounts of the files the agent keeps in its tmpfs folder
 * ({@link FileFolder}): never copied into the container, whose writable layer is on the engine's disk and whose root
 * could change them. Mounts of type bind (not the older "binds" list): the engine refuses to start a container whose
 * file is missing instead of making an empty folder in its place, which is how a host's restart is noticed and mended.
 */
final class DockerFileMounts {
    private final Supplier<DockerClient> docker;
    private final DockerHttpClient http;
    private final DockerCalls calls;
    private final FileFolder folder;

    DockerFileMounts(Supplier<DockerClient> docker, DockerHttpClient http, DockerCalls calls, FileFolder folder) {
        this.docker = docker;
        this.http = http;
        this.calls = calls;
        this.folder = folder;
    }

    FileFolder folder() {
        return folder;
    }

    /** Each file written (when missing) and its mount, read-only, at its target. */
    List<Mount> mounts(DesiredContainer spec) {
        List<FileMount> files = spec.options().files();
        folder.deliver(spec.tenant(), files);
        return files.stream().map(f -> new Mount().withType(MountType.BIND).withSource(folder.source(spec.tenant(), f).toString())
                .withTarget(f.target()).withReadOnly(true)).toList();
    }

    Map<String, Set<String>> mounted(String tenant) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (ContainerRows.Row c : ContainerRows.withLabel(http, calls, Labels.TENANT + "=" + tenant)) {
            keys.put(c.id(), folder.keysOf(tenant, c.mounts().stream().map(ContainerRows.Mount::source).filter(s -> !s.isEmpty())
                    .toList()));
        }
        return keys;
    }

    /** Removes the tenant's files no container mounts and {@code keep} does not name; none kept, none listed. */
    int prune(String tenant, Set<String> keep) {
        if (!folder.holds(tenant)) {
            return 0;
        }
        Set<String> used = new HashSet<>(keep);
        mounted(tenant).values().forEach(used::addAll);
        return folder.prune(tenant, used);
    }

    boolean restartsWithHost(String id) {
        RestartPolicy policy = calls.call("inspect container " + id, () -> docker.get().inspectContainerCmd(id).exec()).getHostConfig()
                .getRestartPolicy();
        String name = policy == null ? "" : Objects.toString(policy.getName(), "");
        return name.equals("always") || name.equals("unless-stopped");
    }
}
