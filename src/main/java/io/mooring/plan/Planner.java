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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares what must run with what runs. Pure: the same inputs always give the same plan. */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(DesiredState desired, ObservedState observed) {
        Map<String, List<ObservedContainer>> byComponent = new LinkedHashMap<>();
        observed.containers().stream()
                .sorted(Comparator.comparing(ObservedContainer::name).thenComparing(ObservedContainer::id))
                .forEach(c -> byComponent.computeIfAbsent(c.component(), k -> new ArrayList<>()).add(c));
        List<Action> actions = new ArrayList<>();
        // What is no longer desired goes first: a renamed component may need its host port.
        Set<String> wanted = desired.containers().stream().map(DesiredContainer::component).collect(Collectors.toSet());
        byComponent.entrySet().stream().filter(e -> !wanted.contains(e.getKey())).flatMap(e -> e.getValue().stream())
                .forEach(c -> actions.add(new Action.Remove(c, Reason.of(Code.NOT_DESIRED))));
        for (DesiredContainer want : desired.containers()) {
            List<ObservedContainer> have = byComponent.remove(want.component());
            if (have == null) {
                actions.add(new Action.Create(want, Reason.of(Code.MISSING)));
                continue;
            }
            ObservedContainer current = current(want, have);
            // Leftovers of an interrupted replace go first, so that their names are free again.
            have.stream().filter(c -> c != current).forEach(extra -> actions.add(new Action.Remove(extra,
                    new Reason(Code.DUPLICATE, extra.name() + " is a second container for " + want.component()))));
            actions.add(compare(want, current));
        }
        return new Plan(desired.tenant(), desired.node(), desired.revision(), actions);
    }

    /**
     * The container that stands for the component: one already running the wanted spec (it may be
     * left under a temporary name by an interrupted replace), else the one with the right name.
     */
    private static ObservedContainer current(DesiredContainer want, List<ObservedContainer> have) {
        return have.stream().filter(c -> c.running() && c.specHash().equals(want.specHash())).findFirst()
                .or(() -> have.stream().filter(c -> c.name().equals(want.containerName())).findFirst())
                .orElse(have.get(0));
    }

    private static Action compare(DesiredContainer want, ObservedContainer current) {
        if (!want.specHash().equals(current.specHash())) {
            return new Action.Replace(want, current, specReason(want, current));
        }
        if (!current.running()) {
            return new Action.Replace(want, current, new Reason(Code.DRIFTED, "container is " + current.state()));
        }
        if (!current.name().equals(want.containerName())) {
            return new Action.Replace(want, current, new Reason(Code.DRIFTED, "container is named " + current.name()));
        }
        return new Action.Keep(want, current, Reason.of(Code.UP_TO_DATE));
    }

    private static Reason specReason(DesiredContainer want, ObservedContainer current) {
        String wanted = want.image().reference();
        if (wanted.equals(current.image())) {
            return Reason.of(Code.SPEC_CHANGED);
        }
        try {
            ImageRef had = ImageRef.parse(current.image());
            if (had.name().equals(want.image().name())) {
                return new Reason(Code.TAG_CHANGED, describe(had) + " → " + describe(want.image()));
            }
        } catch (IllegalArgumentException unparsable) {
            // An image written by hand may not parse; say what it was in full.
        }
        return new Reason(Code.IMAGE_CHANGED, current.image() + " → " + wanted);
    }

    private static String describe(ImageRef image) {
        return image.digest() != null ? image.digest() : image.tag();
    }
}
