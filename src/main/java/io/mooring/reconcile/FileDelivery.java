package io.mooring.reconcile;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.ContainerOptions.FileMount;
import io.mooring.model.DesiredState;
import io.mooring.model.ObservedContainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's secrets and configs, put where the engine mounts them from before the pass plans. A host's restart
 * empties their tmpfs folder while the engine starts the containers again, which then fail for want of their files: once
 * the files are back, such a container is started again here, whatever {@code mooring_self_heal} says, since that is
 * delivering what the revision holds, not healing drift. Only a container the engine would have started itself (restart
 * {@code always} or {@code unless-stopped}) that mounts a file put back now, and no file this revision does not hold.
 */
final class FileDelivery {
    private FileDelivery() {
    }

    static void deliver(Engine engine, DesiredState desired, List<String> notes) {
        Map<String, FileMount> files = files(desired);
        Set<String> written = engine.deliverFiles(desired.tenant(), files.values());
        if (written.isEmpty()) {
            return;
        }
        Map<String, Set<String>> mounted = engine.mountedFiles(desired.tenant());
        for (ObservedContainer c : engine.observe(desired.tenant()).containers()) {
            Set<String> keys = mounted.getOrDefault(c.id(), Set.of());
            if (c.running() || !c.job().isEmpty() || keys.stream().noneMatch(written::contains)) {
                continue;
            }
            if (!files.keySet().containsAll(keys)) {
                notes.add("container " + c.name() + " mounts a secret or config this revision does not hold, gone since the host"
                        + " restarted: it stays down until the plan replaces it");
            } else if (engine.restartsWithHost(c.id())) {
                start(engine, c, notes);
            }
        }
    }

    /** Removes the files no desired container and no container of the tenant mounts any more; a failure is only noted. */
    static void prune(Engine engine, DesiredState desired, List<String> notes) {
        try {
            engine.pruneFiles(desired.tenant(), files(desired).keySet());
        } catch (EngineException e) {
            notes.add("unused secrets and configs are kept for now: " + e.getMessage());
        }
    }

    private static void start(Engine engine, ObservedContainer c, List<String> notes) {
        try {
            engine.start(c.id(), new Engine.Owner(c.tenant(), c.component()));
            notes.add("container " + c.name() + " started again: its secrets and configs were missing (the host restarted) and are back");
        } catch (EngineException e) {
            notes.add("container " + c.name() + " could not start again: " + e.getMessage());
        }
    }

    private static Map<String, FileMount> files(DesiredState desired) {
        Map<String, FileMount> files = new LinkedHashMap<>();
        desired.containers().forEach(c -> c.options().files().forEach(f -> files.putIfAbsent(f.key(), f)));
        return files;
    }
}
