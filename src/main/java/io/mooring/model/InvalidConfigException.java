package io.mooring.model;

import java.util.List;
import java.util.stream.Collectors;

/** A revision that cannot be applied as a whole; carries every problem found, sorted by place. */
public final class InvalidConfigException extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidConfigException(List<Problem> problems) {
        super(problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = problems.stream().sorted().toList();
    }

    public InvalidConfigException(Location location, String message) {
        this(List.of(new Problem(location, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
