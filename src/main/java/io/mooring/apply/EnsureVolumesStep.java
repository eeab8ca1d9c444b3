package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.model.DesiredContainer;
import io.mooring.model.ObservedContainer;
import io.mooring.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the tenant's named volumes that do not exist yet, labelled as the tenant's. A volume the
 * container being replaced already mounts was checked when that container was made, and is not asked for.
 */
final class EnsureVolumesStep {
    private final Engine engine;
    private final DesiredContainer desired;
    private final List<String> mounted;

    EnsureVolumesStep(Engine engine, DesiredContainer desired, ObservedContainer current) {
        this.engine = engine;
        this.desired = desired;
        this.mounted = current == null ? List.of() : current.volumes();
    }

    StepResult run() {
        List<String> created = new ArrayList<>();
        for (VolumeMount mount : desired.volumes()) {
            if (mount.kind() == VolumeMount.Kind.NAMED && !mounted.contains(mount.source())
                    && engine.ensureVolume(mount.source(), desired.tenant(), desired.options().volumes().get(mount.source()))) {
                created.add(mount.source());
            }
        }
        return created.isEmpty()
                ? StepResult.skipped(desired.component(), "volumes", "volumes already present")
                : StepResult.done(desired.component(), "volumes", "created volumes " + created);
    }
}
