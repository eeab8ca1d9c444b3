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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What each tag of a tenant points to in its registry now, asked through the engine without pulling.
 * An answer is reused for {@code interval} (zero: asked again on every pass), and within one pass (one
 * checkout) whatever the interval, so that a hundred tenants on one image ask the registry once a pass. The
 * images of a tenant are asked at once, while the caller observes the engine.
 */
final class RegistryDigests {
    private static final int CONCURRENT_ASKS = 4;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Engine engine;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Ask> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService askers = askers();

    private record Answer(String digest, Instant at, Object pass) {
    }

    /** An ask under way or done, for one reference in one pass: later tenants of the pass share it, failure included. */
    private record Ask(CompletableFuture<String> answer, Object pass) {
    }

    /** Digests being asked for; {@link #await} waits for them. */
    static final class Pending {
        private final Map<String, String> known = new LinkedHashMap<>();
        private final Map<String, CompletableFuture<String>> asked = new LinkedHashMap<>();

        /**
         * Digests by image reference, waiting only for the {@code needed} ones: what the running containers
         * were made from, the only references whose digest can have moved under them. A registry that could
         * not be asked is a line in {@code notes}; the other answers still arrive, for the next pass.
         */
        Map<String, String> await(Set<String> needed, List<String> notes) {
            Map<String, String> digests = new LinkedHashMap<>(known);
            asked.forEach((reference, answer) -> {
                if (!needed.contains(reference)) {
                    return;
                }
                try {
                    digests.put(reference, answer.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    String why = e.getCause() instanceof EngineException engine ? engine.getMessage() : String.valueOf(e.getCause());
                    notes.add("digest of " + reference + " not checked: " + why);
                } catch (TimeoutException e) {
                    notes.add("digest of " + reference + " not checked: the registry did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    notes.add("digest of " + reference + " not checked: interrupted");
                }
            });
            return digests;
        }
    }

    RegistryDigests(Engine engine, Duration interval, Clock clock) {
        this.engine = engine;
        this.interval = interval;
        this.clock = clock;
    }

    /** Starts asking for the tagged images of the desired state; answers given earlier in the same {@code pass} are reused. */
    Pending ask(DesiredState desired, Object pass) {
        return ask(desired.containers().stream().map(DesiredContainer::image).toList(), pass);
    }

    /** The same for these images (a Swarm tenant's services'). */
    Pending ask(java.util.Collection<ImageRef> images, Object pass) {
        Pending pending = new Pending();
        for (ImageRef image : images) {
            String reference = image.reference();
            if (image.digest() != null || pending.known.containsKey(reference) || pending.asked.containsKey(reference)) {
                continue;
            }
            Answer cached = answers.get(reference);
            if (cached != null && fresh(cached, pass)) {
                pending.known.put(reference, cached.digest());
                continue;
            }
            Ask ask = inFlight.compute(reference, (ref, earlier) -> earlier != null && earlier.pass() == pass ? earlier
                    : new Ask(CompletableFuture.supplyAsync(() -> {
                        Instant at = clock.instant();
                        String digest = engine.registryDigest(image);
                        // A slow answer of an earlier pass does not overwrite a newer one.
                        answers.merge(reference, new Answer(digest, at, pass), (old, now) -> now.at().isBefore(old.at()) ? old : now);
                        return digest;
                    }, askers), pass));
            pending.asked.put(reference, ask.answer());
        }
        return pending;
    }

    /** At most a few asks at once; idle threads end, so a reconciler that is no longer used holds none. */
    private static ExecutorService askers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CONCURRENT_ASKS, CONCURRENT_ASKS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "mooring-registry-digests");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private boolean fresh(Answer answer, Object pass) {
        return answer.pass() == pass || (!interval.isZero() && answer.at().plus(interval).isAfter(clock.instant()));
    }
}
