package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredContainer;
import io.mooring.model.Guardrails;
import io.mooring.model.ImageRef;
import io.mooring.plan.Action;
import io.mooring.plan.Plan;
import io.mooring.plan.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Carries out a plan. First the free disk space is checked and every image is pulled and pinned to its
 * digest; if any of that fails, nothing is stopped. Then removals, then the creates and replaces in
 * waves: a component goes once every component it depends on that changes in this plan is healthy, and
 * the components of a wave go in parallel, at most {@code parallelism} at once. A wave with a failure is
 * the last one: a broken revision goes no further.
 */
public final class Applier {
    private final Engine engine;
    private final HealthGate gate;
    private final Options options;
    private final Guardrails guardrails;

    /**
     * How long a new container has to become healthy (a tenant's probe gets no longer), how many components may roll
     * out at once, the free space the engine's disk must keep, and the longest a tenant's hook may run.
     */
    public record Options(Duration healthTimeout, int parallelism, long minFreeDiskBytes, Duration maxHookTimeout) {
        public static final Duration MAX_HOOK_TIMEOUT = Duration.ofMinutes(30);

        public static Options defaults(Duration healthTimeout) {
            return new Options(healthTimeout, 4, 1L << 30, MAX_HOOK_TIMEOUT);
        }
    }

    public Applier(Engine engine, Duration healthTimeout) {
        this(engine, Options.defaults(healthTimeout));
    }

    public Applier(Engine engine, Options options) {
        this(engine, options, Guardrails.defaults());
    }

    /** With the guardrails the plan was rendered under: a device's real path (its links followed) must be granted too. */
    public Applier(Engine engine, Options options, Guardrails guardrails) {
        this.engine = engine;
        this.gate = new HealthGate(engine, options.healthTimeout());
        this.options = options;
        this.guardrails = guardrails;
    }

    public Applied apply(Plan plan) {
        return apply(plan, RolloutRecorder.NONE);
    }

    public Applied apply(Plan plan, RolloutRecorder recorder) {
        Map<ImageRef, String> pins = new ConcurrentHashMap<>();
        Applied applied = prepare(plan, pins);
        if (applied.failed()) {
            return applied.add(null, StepResult.skipped("*", "apply", "nothing was stopped or changed because an image could not be made ready"));
        }
        for (Action action : plan.actions()) {
            if (action instanceof Action.Remove remove) {
                StepResult result = guarded(action, () -> new RemoveContainerStep(engine, recorder, remove.current(), remove.reason()).run());
                if (applied.add(action, result).failed()) {
                    return applied;
                }
            }
        }
        List<List<Action>> waves = waves(plan);
        for (int i = 0; i < waves.size(); i++) {
            runWave(plan, waves.get(i), recorder, pins, applied);
            if (applied.failed()) {
                waves.subList(i + 1, waves.size()).stream().flatMap(List::stream).forEach(a -> applied.add(a, StepResult.skipped(
                        a.component(), a.verb().word(), "not started: a component it comes after failed")));
                break;
            }
        }
        return applied;
    }

    /** Disk space, then every image pulled (a moved tag again) and pinned, before anything is stopped. */
    private Applied prepare(Plan plan, Map<ImageRef, String> pins) {
        Map<ImageRef, Action> images = new LinkedHashMap<>();
        Set<ImageRef> moved = new java.util.HashSet<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.Create || action instanceof Action.Replace) {
                DesiredContainer d = action.target().orElseThrow();
                images.putIfAbsent(d.image(), action);
                if (action.reason().code() == Reason.Code.DIGEST_MOVED) {
                    moved.add(d.image());
                }
            }
        }
        Applied applied = Applied.nothing();
        if (images.isEmpty() || applied.add(null, checkDisk()).failed()) {
            return applied;
        }
        images.forEach((image, action) -> applied.add(action,
                new PullImageStep(engine, action.component(), image, pins, moved.contains(image)).run()));
        return applied;
    }

    private StepResult checkDisk() {
        try {
            OptionalLong free = engine.freeDiskBytes();
            if (free.isEmpty()) {
                return StepResult.skipped("*", "disk", "free disk space not checked: the engine's data folder is not visible here");
            }
            if (free.getAsLong() < options.minFreeDiskBytes()) {
                return StepResult.failed("*", "disk", "only " + mib(free.getAsLong()) + " MiB free where the engine keeps images; "
                        + mib(options.minFreeDiskBytes()) + " MiB are required before pulling (agent setting minFreeDisk)");
            }
            return StepResult.skipped("*", "disk", mib(free.getAsLong()) + " MiB free");
        } catch (EngineException e) {
            return StepResult.failed("*", "disk", "cannot check free disk space: " + e.getMessage());
        }
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    /** Creates and replaces by dependency level; components that do not change count as ready. */
    static List<List<Action>> waves(Plan plan) {
        Map<String, Action> changing = new LinkedHashMap<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.Create || action instanceof Action.Replace) {
                changing.put(action.component(), action);
            }
        }
        Map<String, Integer> level = new HashMap<>();
        List<List<Action>> waves = new ArrayList<>();
        for (Action action : changing.values()) { // already in dependency order
            int mine = action.target().orElseThrow().dependsOn().stream()
                    .filter(level::containsKey).mapToInt(level::get).map(l -> l + 1).max().orElse(0);
            level.put(action.component(), mine);
            while (waves.size() <= mine) {
                waves.add(new ArrayList<>());
            }
            waves.get(mine).add(action);
        }
        return waves;
    }

    private void runWave(Plan plan, List<Action> wave, RolloutRecorder recorder, Map<ImageRef, String> pins, Applied applied) {
        if (wave.size() == 1 || options.parallelism() <= 1) {
            wave.forEach(a -> rollOut(plan, a, recorder, pins).forEach(step -> applied.add(a, step)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), wave.size()), r -> {
            Thread thread = new Thread(r, "mooring-rollout");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<StepResult>>> running = wave.stream().map(a -> pool.submit(() -> rollOut(plan, a, recorder, pins))).toList();
            for (int i = 0; i < running.size(); i++) {
                Action action = wave.get(i);
                try {
                    running.get(i).get().forEach(step -> applied.add(action, step));
                } catch (ExecutionException e) {
                    applied.add(action, StepResult.failed(action.component(), action.verb().word(), "internal error: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    applied.add(action, StepResult.failed(action.component(), action.verb().word(), "interrupted"));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private List<StepResult> rollOut(Plan plan, Action action, RolloutRecorder recorder, Map<ImageRef, String> pins) {
        DesiredContainer desired = action.target().orElseThrow();
        String digest = pins.getOrDefault(desired.image(), "");
        List<StepResult> results = new ArrayList<>();
        var current = action instanceof Action.Replace replace ? replace.current() : null;
        StepResult binds = new BindSourceStep(desired, action.verb().word()).run();
        if (binds.failed()) {
            return List.of(binds);
        }
        StepResult devices = new DeviceSourceStep(desired, action.verb().word(), guardrails).run();
        if (devices.failed()) {
            return List.of(devices);
        }
        results.add(guarded(action, () -> new EnsureVolumesStep(engine, desired, current).run()));
        if (results.get(0).failed()) {
            return results;
        }
        results.add(guarded(action, () -> new RolloutStep(engine, gate, recorder, desired, current, plan.node(), plan.revision(), digest,
                options.maxHookTimeout()).run()));
        return results;
    }

    private static StepResult guarded(Action action, java.util.function.Supplier<StepResult> step) {
        try {
            return step.get();
        } catch (EngineException e) {
            return StepResult.failed(action.component(), action.verb().word(), e.getMessage());
        }
    }

    /** For tests of the waves: components by wave. */
    static List<List<String>> waveNames(Plan plan) {
        return waves(plan).stream().map(w -> w.stream().map(Action::component).collect(Collectors.toList())).toList();
    }
}
