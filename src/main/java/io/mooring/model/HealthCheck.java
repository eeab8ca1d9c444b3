package io.mooring.model;

import java.time.Duration;
import java.util.List;

/**
 * A container's health check as Compose writes it: {@code test} is {@code [CMD, ...]}, {@code [CMD-SHELL, "..."]}
 * or {@code [NONE]} (turns off the image's own check). Absent durations ({@code null}) leave the engine's defaults.
 */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, Integer retries, Duration startPeriod,
                          Duration startInterval) {
    public HealthCheck {
        test = List.copyOf(test);
    }

    public HealthCheck(List<String> test, Duration interval, Duration timeout, Integer retries, Duration startPeriod) {
        this(test, interval, timeout, retries, startPeriod, null);
    }

    public boolean disabled() {
        return test.size() == 1 && test.get(0).equals("NONE");
    }
}
