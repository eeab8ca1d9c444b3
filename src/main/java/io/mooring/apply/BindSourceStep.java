package io.mooring.apply;

import io.mooring.model.DesiredContainer;
import io.mooring.model.VolumeMount;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses a bind mount whose host path passes through a symbolic link, just before the container is
 * created. Rendering checked the path as written; a container may since have planted a link in a folder it
 * can write ({@code /srv/mt/acme/etc-link -> /etc}), which the engine would follow. Each component is read
 * without following links, from the root down; a part that does not exist yet ends the walk, since what
 * the engine creates there is a folder.
 */
final class BindSourceStep {
    private final DesiredContainer desired;
    private final String verb;

    BindSourceStep(DesiredContainer desired, String verb) {
        this.desired = desired;
        this.verb = verb;
    }

    StepResult run() {
        for (VolumeMount mount : desired.volumes()) {
            if (mount.kind() != VolumeMount.Kind.BIND) {
                continue;
            }
            Optional<Path> link = firstLink(Path.of(mount.source()));
            if (link.isPresent()) {
                return StepResult.failed(desired.component(), verb, "bind mount source " + mount.source() + " of service "
                        + desired.component() + " passes through the symbolic link " + link.get() + "; refused, nothing was changed");
            }
        }
        return StepResult.skipped(desired.component(), verb, "bind mount sources hold no symbolic link");
    }

    /** The first part of {@code path} that is a symbolic link, if any. */
    static Optional<Path> firstLink(Path path) {
        Path at = path.getRoot();
        for (Path part : path) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return Optional.of(at);
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
