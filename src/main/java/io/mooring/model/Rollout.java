package io.mooring.model;

import java.util.List;

/**
 * How a component is rolled out, from its {@code x-mooring} block: the probe that gates it (null: the
 * image's HEALTHCHECK), its hooks, whether its named volumes go with it once no longer desired, and whether
 * it runs once: another service waits for it with {@code condition: service_completed_successfully}, so its
 * rollout is gated on exiting with code 0, not on staying up.
 */
public record Rollout(Probe probe, List<Hook> hooks, boolean pruneVolumes, boolean runOnce) {
    public static final Rollout DEFAULT = new Rollout(null, List.of(), false, false);

    public Rollout {
        hooks = List.copyOf(hooks);
    }

    /** A component that keeps running. */
    public Rollout(Probe probe, List<Hook> hooks, boolean pruneVolumes) {
        this(probe, hooks, pruneVolumes, false);
    }

    public List<Hook> hooks(Hook.Stage stage) {
        return hooks.stream().filter(h -> h.stage() == stage).toList();
    }
}
