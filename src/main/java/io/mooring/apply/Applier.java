package io.mooring.apply;

import io.mooring.engine.Engine;
import io.mooring.engine.EngineException;
import io.mooring.model.DesiredContainer;
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

    /** How many components may roll out at once, and the free space the engine's disk must keep. */
    public record Options(Duration healthTimeout, int parallelism, long minFreeDiskBytes) {
        public static Options defaults(Duration healthTimeout) {
            return new Options(healthTimeout, 4, 1L << 30);
        }
    }

    public Applier(Engine engine, Duration healthTimeout) {
        this(engine, Options.defaults(healthTimeout));
    }

    public Applier(Engine engine, Options options) {
        this.engine = engine;
        this.gate = new HealthGate(engine, options.healthTimeout());
        this.options = options;
    }

    public List<StepResult> apply(Plan plan) {
        return apply(plan, RolloutRecorder.NONE);
    }

    public List<StepResult> apply(Plan plan, RolloutRecorder recorder) {
        Map<ImageRef, String> pins = new ConcurrentHashMap<>();
        List<StepResult> results = new ArrayList<>(prepare(plan, pins));
        if (results.stream().anyMatch(StepResult::failed)) {
            results.add(StepResult.skipped("*", "apply", "nothing was stopped or changed because an image could not be made ready"));
            return results;
        }
        for (Action action : plan.actions()) {
            if (action instanceof Action.Remove remove) {
                StepResult result = guarded(action, () -> new RemoveContainerStep(engine, recorder, remove.current(), remove.reason()).run());
                results.add(result);
                if (result.failed()) {
                    return results;
                }
            }
        }
        List<List<Action>> waves = waves(plan);
        for (int i = 0; i < waves.size(); i++) {
            List<StepResult> wave = runWave(plan, waves.get(i), recorder, pins);
            results.addAll(wave);
            if (wave.stream().anyMatch(StepResult::failed)) {
                waves.subList(i + 1, waves.size()).stream().flatMap(List::stream).forEach(a -> results.add(StepResult.skipped(
                        a.component(), a.verb().word(), "not started: a component it comes after failed")));
                break;
            }
        }
        return results;
    }

    /** Disk space, then every image pulled (a moved tag again) and pinned, before anything is stopped. */
    private List<StepResult> prepare(Plan plan, Map<ImageRef, String> pins) {
        Map<ImageRef, String> images = new LinkedHashMap<>();
        Set<ImageRef> moved = new java.util.HashSet<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.Create || action instanceof Action.Replace) {
                DesiredContainer d = action.target().orElseThrow();
                images.putIfAbsent(d.image(), d.component());
                if (action.reason().code() == Reason.Code.DIGEST_MOVED) {
                    moved.add(d.image());
                }
            }
        }
        List<StepResult> results = new ArrayList<>();
        if (images.isEmpty()) {
            return results;
        }
        StepResult disk = checkDisk();
        results.add(disk);
        if (disk.failed()) {
            return results;
        }
        images.forEach((image, component) -> results.add(new PullImageStep(engine, component, image, pins, moved.contains(image)).run()));
        return results;
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

    private List<StepResult> runWave(Plan plan, List<Action> wave, RolloutRecorder recorder, Map<ImageRef, String> pins) {
        if (wave.size() == 1 || options.parallelism() <= 1) {
            return wave.stream().flatMap(a -> rollOut(plan, a, recorder, pins).stream()).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), wave.size()), r -> {
            Thread thread = new Thread(r, "mooring-rollout");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<StepResult>>> running = wave.stream().map(a -> pool.submit(() -> rollOut(plan, a, recorder, pins))).toList();
            List<StepResult> results = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                try {
                    results.addAll(running.get(i).get());
                } catch (ExecutionException e) {
                    results.add(StepResult.failed(wave.get(i).component(), wave.get(i).verb().word(), "internal error: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.add(StepResult.failed(wave.get(i).component(), wave.get(i).verb().word(), "interrupted"));
                }
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private List<StepResult> rollOut(Plan plan, Action action, RolloutRecorder recorder, Map<ImageRef, String> pins) {
        DesiredContainer desired = action.target().orElseThrow();
        String digest = pins.getOrDefault(desired.image(), "");
        List<StepResult> results = new ArrayList<>();
        var current = action instanceof Action.Replace replace ? replace.current() : null;
        results.add(guarded(action, () -> new EnsureVolumesStep(engine, desired, current).run()));
        if (results.get(0).failed()) {
            return results;
        }
        results.add(guarded(action, () -> new RolloutStep(engine, gate, recorder, desired, current, plan.node(), plan.revision(), digest).run()));
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
