package io.mooring.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.function.Supplier;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.Labels;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The engine's {@code /events} stream: the tenants' container events for the agent, and one container's for a wait. */
final class DockerEvents {
    /** How far back a container's watch asks for events, covering the moment its stream takes to connect. */
    private static final Duration WATCH_OVERLAP = Duration.ofSeconds(1);

    private final Supplier<DockerClient> docker;

    DockerEvents(Supplier<DockerClient> docker) {
        this.docker = docker;
    }

    AutoCloseable follow(Instant since, Consumer<Engine.EngineEvent> listener, Consumer<Throwable> ended) {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                        ? Map.of() : event.getActor().getAttributes();
                String tenant = attributes.get(Labels.TENANT);
                if (tenant != null) {
                    long nanos = event.getTimeNano() != null ? event.getTimeNano()
                            : (event.getTime() == null ? 0 : event.getTime() * 1_000_000_000L);
                    listener.accept(new Engine.EngineEvent(tenant, attributes.getOrDefault(Labels.COMPONENT, ""),
                            Objects.toString(event.getAction(), event.getStatus()), nanos));
                }
            }

            @Override
            public void onError(Throwable throwable) {
                ended.accept(throwable);
            }

            @Override
            public void onComplete() {
                ended.accept(new EngineException("the engine closed the event stream"));
            }
        };
        return docker.get().eventsCmd().withSince(sinceText(since)).withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Labels.TENANT).exec(callback);
    }

    Engine.ContainerWatch watch(String id) {
        Semaphore happened = new Semaphore(0);
        Queue<String> actions = new ConcurrentLinkedQueue<>();
        AtomicBoolean closed = new AtomicBoolean();
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onStart(Closeable stream) {
                super.onStart(stream);
                if (closed.get()) {
                    // Closed before the engine answered: the stream that opens now must not stay open.
                    closeQuietly(this);
                }
            }

            @Override
            public void onNext(Event event) {
                actions.add(Objects.toString(event.getAction(), Objects.toString(event.getStatus(), "")));
                happened.release();
            }

            @Override
            public void onError(Throwable throwable) {
                // The stream ended (closed by us, or the engine went away): a wait goes on as a plain poll.
            }
        };
        ResultCallback.Adapter<Event> stream;
        try {
            stream = docker.get().eventsCmd().withSince(sinceText(Instant.now().minus(WATCH_OVERLAP)))
                    .withEventTypeFilter(EventType.CONTAINER).withContainerFilter(id).exec(callback);
        } catch (RuntimeException e) {
            stream = null; // without events, a wait is a plain poll
        }
        ResultCallback.Adapter<Event> open = stream;
        return new Engine.ContainerWatch() {
            @Override
            public List<String> await(Duration max) {
                long deadline = System.nanoTime() + max.toNanos();
                try {
                    while (true) {
                        if (!happened.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            return List.of();
                        }
                        happened.drainPermits();
                        List<String> seen = new ArrayList<>();
                        for (String action = actions.poll(); action != null; action = actions.poll()) {
                            seen.add(action);
                        }
                        // A permit can outlive its action (queued, then taken by the last call before the permit was
                        // given): nothing seen is not "nothing happened for max", so the wait goes on.
                        if (!seen.isEmpty()) {
                            return seen;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("interrupted while waiting for container " + id, e);
                }
            }

            @Override
            public void close() {
                closed.set(true);
                if (open != null) {
                    closeQuietly(open);
                }
            }
        };
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the stream is gone either way
        }
    }

    private static String sinceText(Instant since) {
        return since.getEpochSecond() + "." + String.format("%09d", since.getNano());
    }
}
