package io.mooring.reconcile;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.ContainerOptions.FileMount;
import io.mooring.model.DesiredState;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The tenant's secrets and configs, put where the engine mounts them from before the pass plans. A host's restart
 * empties their tmpfs folder while the engine starts the containers again, which then fail for want of their files: once
 * the files are back, such a container is started again here, whatever {@code mooring_self_heal} says, since that is
 * delivering what a revision holds, not healing drift. Only a container the engine would have started itself (restart
 * {@code always} or {@code unless-stopped}), not running, that mounts a file put back now. A container of an earlier
 * revision (a change held, or waiting for its window) gets that revision's files, read from the commit it was made from.
 */
final class FileDelivery {
    private FileDelivery() {
    }

    /** Writes the revision's files that are missing or not as they should be; the keys it wrote. */
    static Set<String> deliver(Engine engine, DesiredState desired) {
        return new HashSet<>(engine.deliverFiles(desired.tenant(), files(desired).values()));
    }

    /**
     * Starts again the stopped containers of {@code observed} that mount a file put back now ({@code written}, to which the
     * files of an earlier revision put back here are added); {@code revisions}: the tenant's desired state at a commit it
     * was deployed from, when that commit can still be read. Whether it started any.
     */
    static boolean restart(Engine engine, DesiredState desired, ObservedState observed, Set<String> written,
                           Function<String, Optional<DesiredState>> revisions, List<String> notes) {
        List<ObservedContainer> stopped = observed.containers().stream().filter(c -> !c.running() && c.job().isEmpty()).toList();
        if (stopped.isEmpty()) {
            return false;
        }
        Map<String, FileMount> files = files(desired);
        Map<String, Set<String>> mounted = engine.mountedFiles(desired.tenant());
        Map<String, Map<String, FileMount>> earlier = new HashMap<>();
        boolean started = false;
        for (ObservedContainer c : stopped) {
            Set<String> keys = mounted.getOrDefault(c.id(), Set.of());
            Set<String> foreign = new HashSet<>(keys);
            foreign.removeAll(files.keySet());
            // Only once the folder was found emptied (or the revision mounts nothing): not a read of an old commit every pass.
            if (!foreign.isEmpty() && (!written.isEmpty() || files.isEmpty())) {
                Map<String, FileMount> then = earlier.computeIfAbsent(c.revision(), r -> revisions.apply(r).map(FileDelivery::files)
                        .orElse(Map.of()));
                if (!then.keySet().containsAll(foreign)) {
                    notes.add("container " + c.name() + " mounts a secret or config of revision " + c.revision() + " that cannot be"
                            + " read now: it stays as it is until the plan replaces it");
                    continue;
                }
                written.addAll(engine.deliverFiles(desired.tenant(), foreign.stream().map(then::get).toList()));
            }
            if (keys.stream().anyMatch(written::contains) && engine.restartsWithHost(c.id())) {
                started |= start(engine, c, notes);
            }
        }
        return started;
    }

    /** Removes the files no desired container and no container of the tenant mounts any more; a failure is only noted. */
    static void prune(Engine engine, DesiredState desired, List<String> notes) {
        try {
            engine.pruneFiles(desired.tenant(), files(desired).keySet());
        } catch (EngineException e) {
            notes.add("unused secrets and configs are kept for now: " + e.getMessage());
        }
    }

    private static boolean start(Engine engine, ObservedContainer c, List<String> notes) {
        try {
            engine.start(c.id(), new Engine.Owner(c.tenant(), c.component()));
            notes.add("container " + c.name() + " started again: its secrets and configs were missing (the host restarted) and are back");
            return true;
        } catch (EngineException e) {
            notes.add("container " + c.name() + " could not start again: " + e.getMessage());
            return false;
        }
    }

    private static Map<String, FileMount> files(DesiredState desired) {
        Map<String, FileMount> files = new LinkedHashMap<>();
        desired.containers().forEach(c -> c.options().files().forEach(f -> files.putIfAbsent(f.key(), f)));
        return files;
    }
}
