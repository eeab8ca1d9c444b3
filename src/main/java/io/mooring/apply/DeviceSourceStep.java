package io.mooring.apply;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DeviceMapping;
import io.mooring.model.Guardrails;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a device whose host path leads through a symbolic link to a device the agent did not grant, just before
 * the container is created. Rendering checked the path as written against the grants; the engine follows links, so a
 * granted folder holding {@code /dev/granted/disk -> /dev/sda} would hand out the host's disk. Each device's real path
 * must be granted too. A device that is not there is left to the engine, which refuses it.
 */
final class DeviceSourceStep {
    private final DesiredContainer desired;
    private final String verb;
    private final List<String> granted;

    DeviceSourceStep(DesiredContainer desired, String verb, Guardrails guardrails) {
        this.desired = desired;
        this.verb = verb;
        this.granted = guardrails.devices(desired.tenant(), desired.image());
    }

    StepResult run() {
        for (DeviceMapping device : desired.access().devices()) {
            Path real;
            try {
                real = Path.of(device.hostPath()).toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (real.toString().equals(device.hostPath())) {
                continue;
            }
            DeviceMapping really = new DeviceMapping(real.toString(), device.containerPath(), device.permissions());
            if (granted.stream().noneMatch(really::grantedBy)) {
                Optional<Path> link = BindSourceStep.firstLink(Path.of(device.hostPath()));
                return StepResult.failed(desired.component(), verb, "device " + device.hostPath() + " of service " + desired.component()
                        + " passes through the symbolic link " + link.map(Path::toString).orElse(device.hostPath()) + " to " + real
                        + ", which is not granted to tenant " + desired.tenant() + " or image " + Guardrails.repository(desired.image()
                        .reference()) + " (granted: " + granted + "); refused, nothing was changed");
            }
        }
        return StepResult.skipped(desired.component(), verb, "devices lead to granted devices only");
    }
}
