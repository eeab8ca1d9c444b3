package io.mooring.plan;

import io.mooring.model.DesiredService;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What someone changed by hand on a service whose labels say it runs the declared spec: its replicas scaled, its image
 * set to another ({@code docker service scale}, {@code docker service update --image}). All of it, so that one report tells
 * the whole story.
 */
final class ServiceDrift {
    private ServiceDrift() {
    }

    static List<String> found(DesiredService want, ObservedService current) {
        List<String> found = new ArrayList<>();
        if (current.desired() != want.replicas()) {
            found.add("scaled by hand: " + replicas(current.desired()) + ", " + want.replicas() + " declared");
        }
        // While Swarm rolls tasks over, old and new images run side by side: that is no one's hand.
        if (!SwarmUpdateState.underWay(current)) {
            image(current).ifPresent(found::add);
        }
        return found;
    }

    /** A task meant to run whose image is not the one Mooring set (its reference, pinned to the digest it recorded). */
    private static Optional<String> image(ObservedService current) {
        ImageRef set;
        try {
            set = ImageRef.parse(SwarmPlanner.written(current));
        } catch (IllegalArgumentException unparsable) {
            return Optional.empty();
        }
        String expected = current.digest().isEmpty() ? set.reference() : set.name() + "@" + current.digest();
        return current.tasks().stream()
                .filter(t -> "running".equals(t.desiredState()) && t.image() != null && !t.image().isEmpty())
                .sorted(Comparator.comparingInt(ObservedService.Task::slot).thenComparing(ObservedService.Task::id))
                .filter(t -> !runs(t.image(), set, current.digest()))
                .findFirst().map(t -> "runs image " + t.image() + ", not " + expected);
    }

    private static boolean runs(String taskImage, ImageRef set, String digest) {
        ImageRef task;
        try {
            task = ImageRef.parse(taskImage);
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
        if (!task.engineName().equals(set.engineName())) {
            return false;
        }
        if (task.digest() != null && !digest.isEmpty()) {
            return task.digest().equals(digest);
        }
        // Not pinned on one side: the tag is all there is to compare (a digest alone says nothing against a tag).
        return task.tag() == null || task.tag().equals(set.tag());
    }

    private static String replicas(int n) {
        return n + (n == 1 ? " replica" : " replicas");
    }
}
