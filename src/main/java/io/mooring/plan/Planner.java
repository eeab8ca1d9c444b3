package io.mooring.plan;

import io.mooring.model.DesiredContainer;
import io.mooring.model.DesiredState;
import io.mooring.model.ImageRef;
import io.mooring.model.ObservedContainer;
import io.mooring.model.ObservedState;
import io.mooring.plan.Reason.Code;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares what must run with what runs. Pure: the same inputs always give the same plan, in the same
 * order: leftovers and components no longer desired first, then every desired component after the
 * components it depends on.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(DesiredState desired, ObservedState observed) {
        return plan(desired, observed, Facts.NONE);
    }

    public static Plan plan(DesiredState desired, ObservedState observed, Facts facts) {
        Map<String, List<ObservedContainer>> byComponent = new LinkedHashMap<>();
        List<Action> actions = new ArrayList<>();
        observed.containers().stream()
                .sorted(Comparator.comparing(ObservedContainer::name).thenComparing(ObservedContainer::id))
                .forEach(c -> {
                    if (c.isJob()) {
                        actions.add(new Action.Remove(c, Reason.of(Code.LEFTOVER_JOB, c.name() + " (hook " + c.job() + ")")));
                    } else {
                        byComponent.computeIfAbsent(c.component(), k -> new ArrayList<>()).add(c);
                    }
                });
        // What is no longer desired goes first: a renamed component may need its host port.
        Set<String> wanted = desired.containers().stream().map(DesiredContainer::component).collect(Collectors.toSet());
        byComponent.entrySet().stream().filter(e -> !wanted.contains(e.getKey())).flatMap(e -> e.getValue().stream())
                .forEach(c -> actions.add(new Action.Remove(c, Reason.of(Code.NOT_DESIRED))));
        for (DesiredContainer want : dependencyOrder(desired.containers())) {
            List<ObservedContainer> have = byComponent.remove(want.component());
            if (have == null) {
                actions.add(missing(want, facts));
                continue;
            }
            ObservedContainer current = current(want, have);
            // Leftovers of an interrupted replace go first, so that their names are free again.
            have.stream().filter(c -> c != current).forEach(extra -> actions.add(new Action.Remove(extra,
                    Reason.of(Code.DUPLICATE, extra.name() + " is a second container for " + want.component()))));
            actions.add(compare(want, current, facts));
        }
        return new Plan(desired.tenant(), desired.node(), desired.revision(), actions);
    }

    /** Definition order, except that a component comes after those it depends on (the reader refused cycles). */
    static List<DesiredContainer> dependencyOrder(List<DesiredContainer> containers) {
        Map<String, DesiredContainer> byName = new LinkedHashMap<>();
        containers.forEach(c -> byName.put(c.component(), c));
        Set<String> placed = new LinkedHashSet<>();
        for (DesiredContainer c : containers) {
            place(c, byName, placed, new TreeSet<>());
        }
        return placed.stream().map(byName::get).toList();
    }

    private static void place(DesiredContainer c, Map<String, DesiredContainer> byName, Set<String> placed, Set<String> path) {
        if (placed.contains(c.component()) || !path.add(c.component())) {
            return;
        }
        for (String dependency : c.dependsOn()) {
            DesiredContainer d = byName.get(dependency);
            if (d != null) {
                place(d, byName, placed, path);
            }
        }
        placed.add(c.component());
    }

    private static Action missing(DesiredContainer want, Facts facts) {
        String deployed = facts.deployed().get(want.component());
        if (deployed == null) {
            return new Action.Create(want, Reason.of(Code.MISSING));
        }
        Reason drift = Reason.of(Code.DRIFTED, "container " + shortId(deployed) + " was removed outside Mooring");
        return facts.selfHeal() == Facts.SelfHeal.HEAL ? new Action.Create(want, drift) : new Action.Drift(want, null, drift);
    }

    /**
     * The container that stands for the component: one already running the wanted spec (it may be
     * left under a temporary name by an interrupted replace), else the one with the right name.
     */
    private static ObservedContainer current(DesiredContainer want, List<ObservedContainer> have) {
        return have.stream().filter(c -> c.running() && c.specHash().equals(want.specHash()) && !c.offNetwork(want.network())).findFirst()
                .or(() -> have.stream().filter(c -> c.name().equals(want.containerName())).findFirst())
                .orElse(have.get(0));
    }

    private static Action compare(DesiredContainer want, ObservedContainer current, Facts facts) {
        boolean moves = current.offNetwork(want.network());
        if (!want.specHash().equals(current.specHash())) {
            return new Action.Replace(want, current, alsoMoving(specReason(want, current), moves, want, current));
        }
        Optional<String> drift = drift(want, current, facts);
        if (drift.isPresent()) {
            // What someone did by hand comes first: under report it is shown and nothing is done, the move included.
            Reason reason = Reason.of(Code.DRIFTED, drift.get());
            return facts.selfHeal() == Facts.SelfHeal.HEAL ? new Action.Replace(want, current, alsoMoving(reason, moves, want, current))
                    : new Action.Drift(want, current, reason);
        }
        Optional<Reason> moved = digestMoved(want, current, facts);
        if (moved.isPresent()) {
            return new Action.Replace(want, current, alsoMoving(moved.get(), moves, want, current));
        }
        if (moves) {
            // Not a change of the spec, so its hash stays: the container is made again, as for any replace, on the network.
            return new Action.Replace(want, current, Reason.of(Code.NETWORK, move(want, current)));
        }
        return new Action.Keep(want, current, Reason.of(Code.UP_TO_DATE));
    }

    /** A replace for another reason takes the container onto its network too, and says so. */
    private static Reason alsoMoving(Reason reason, boolean moves, DesiredContainer want, ObservedContainer current) {
        return moves ? Reason.of(reason.code(), reason.detail() + (reason.detail().isEmpty() ? "" : "; ") + "also " + move(want, current))
                : reason;
    }

    private static String move(DesiredContainer want, ObservedContainer current) {
        return "moves onto " + want.network() + " (from " + String.join(", ", current.networks()) + ")";
    }

    /** What someone changed outside Mooring, if anything: all of it, so that one report tells the whole story. */
    private static Optional<String> drift(DesiredContainer want, ObservedContainer current, Facts facts) {
        List<String> found = new ArrayList<>();
        String deployed = facts.deployed().get(want.component());
        if (deployed != null && !deployed.equals(current.id()) && current.name().equals(want.containerName())) {
            found.add("recreated outside Mooring (Mooring deployed " + shortId(deployed) + ", " + current.shortId() + " runs now)");
        }
        if (want.rollout().runOnce() && current.running()) {
            // What waits for it must not start before it ends: the rollout waits for this run, then takes it if it succeeded.
            found.add("it runs once and a run is under way, started outside a pass");
        } else if (want.rollout().runOnce() ? !current.completed() : !current.running()) {
            found.add("container is " + current.state());
        }
        if (!current.name().equals(want.containerName())) {
            found.add("container is named " + current.name());
        }
        if (!current.digest().isEmpty()) {
            String pinned = ImageRef.parse(current.image()).name() + "@" + current.digest();
            if (!current.runningImage().equals(pinned) && !current.runningImage().equals(current.image())) {
                found.add("runs image " + current.runningImage() + ", not " + pinned);
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
    }

    private static Optional<Reason> digestMoved(DesiredContainer want, ObservedContainer current, Facts facts) {
        return SpecChange.digestMoved(want.image(), current.digest(), facts);
    }

    private static Reason specReason(DesiredContainer want, ObservedContainer current) {
        return SpecChange.reason(want.image(), current.image(), want.specFields(), current.specFields(), "container");
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
