package io.mooring.render;

import io.mooring.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One inventory variable that several components use is one problem: the messages that differ only in the
 * component and host that needed the variable are joined into one, naming them all.
 */
final class NeededBy {
    static final String MARK = " (needed by component ";

    private NeededBy() {
    }

    /** {@code message (needed by component c on host h)} for a problem of variable that {@code c} uses on {@code h}. */
    static String note(String message, String component, String host) {
        return message + MARK + component + " on host " + host + ")";
    }

    static List<Problem> merge(List<Problem> problems) {
        Map<String, Problem> firsts = new LinkedHashMap<>();
        Map<String, Set<String>> users = new LinkedHashMap<>();
        List<Problem> out = new ArrayList<>();
        for (Problem problem : problems) {
            int mark = problem.message().lastIndexOf(MARK);
            if (mark < 0 || !problem.message().endsWith(")")) {
                out.add(problem);
                continue;
            }
            String key = problem.location() + "\0" + problem.message().substring(0, mark);
            firsts.putIfAbsent(key, problem);
            users.computeIfAbsent(key, k -> new LinkedHashSet<>())
                    .add(problem.message().substring(mark + MARK.length(), problem.message().length() - 1));
        }
        firsts.forEach((key, first) -> {
            Set<String> who = users.get(key);
            String base = key.substring(key.indexOf('\0') + 1);
            out.add(who.size() == 1 ? first : new Problem(first.location(), base + " (needed by components "
                    + String.join(", ", who) + ")"));
        });
        return out;
    }
}
