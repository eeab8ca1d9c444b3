package io.mooring.reconcile;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.ImageRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each tag of a tenant points to in its registry now, asked through the engine without pulling.
 * An answer is reused for {@code interval} (zero: asked on every pass), so that many tenants on one
 * image and a short reconcile interval do not poll the registry on every pass.
 */
final class RegistryDigests {
    private final Engine engine;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(String digest, Instant at) {
    }

    RegistryDigests(Engine engine, Duration interval, Clock clock) {
        this.engine = engine;
        this.interval = interval;
        this.clock = clock;
    }

    /** Digests by image reference for the tagged images of the desired state; a failure to ask is added to {@code notes}. */
    Map<String, String> current(DesiredState desired, List<String> notes) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (DesiredContainer container : desired.containers()) {
            ImageRef image = container.image();
            if (image.digest() != null || digests.containsKey(image.reference())) {
                continue;
            }
            Answer cached = answers.get(image.reference());
            if (cached != null && !interval.isZero() && cached.at().plus(interval).isAfter(clock.instant())) {
                digests.put(image.reference(), cached.digest());
                continue;
            }
            try {
                String digest = engine.registryDigest(image);
                answers.put(image.reference(), new Answer(digest, clock.instant()));
                digests.put(image.reference(), digest);
            } catch (EngineException e) {
                notes.add("digest of " + image + " not checked: " + e.getMessage());
            }
        }
        return digests;
    }
}
