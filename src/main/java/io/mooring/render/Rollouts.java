package io.mooring.render;

import io.mooring.model.Hook;
import io.mooring.model.Probe;
import io.mooring.model.Problem;
import io.mooring.model.Rollout;
import io.mooring.model.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A service's x-mooring rollout settings for one host: hook and exec probe commands filled in. */
final class Rollouts {
    private Rollouts() {
    }

    /** Hook and exec probe commands are filled in like the service's own command; null when a variable is missing. */
    static Rollout render(ServiceDefinition service, Map<String, String> vars, List<Problem> problems, boolean runOnce) {
        ServiceDefinition.RolloutSettings settings = service.rollout();
        int known = problems.size();
        List<List<String>> hookCommands = settings.hooks().stream()
                .map(h -> h.command().stream().map(t -> Renderer.attempt(problems, () -> t.expand(vars))).toList()).toList();
        List<String> probeCommand = settings.probeCommand().stream().map(t -> Renderer.attempt(problems, () -> t.expand(vars))).toList();
        if (problems.size() > known) {
            return null;
        }
        List<Hook> hooks = new ArrayList<>();
        for (int i = 0; i < hookCommands.size(); i++) {
            ServiceDefinition.HookTemplate h = settings.hooks().get(i);
            hooks.add(new Hook(h.name(), h.stage(), hookCommands.get(i), h.timeout()));
        }
        Probe probe = settings.probe();
        if (probe != null && probe.kind() == Probe.Kind.EXEC) {
            probe = new Probe(Probe.Kind.EXEC, 0, "", probeCommand, probe.timeout(), probe.interval());
        }
        return new Rollout(probe, hooks, settings.pruneVolumes(), runOnce);
    }
}
