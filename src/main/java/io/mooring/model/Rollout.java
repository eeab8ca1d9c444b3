package io.mooring.model;

import java.util.List;

/**
 * How a component is rolled out, from its {@code x-mooring} block: the probe that gates it (null: the
 * image's HEALTHCHECK), its hooks, and whether its named volumes go with it once no longer desired.
 */
public record Rollout(Probe probe, List<Hook> hooks, boolean pruneVolumes) {
    public static final Rollout DEFAULT = new Rollout(null, List.of(), false);

    public Rollout {
        hooks = List.copyOf(hooks);
    }

    public List<Hook> hooks(Hook.Stage stage) {
        return hooks.stream().filter(h -> h.stage() == stage).toList();
    }
}
