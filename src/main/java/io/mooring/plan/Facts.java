package io.mooring.plan;

import java.util.Map;

/**
 * What the planner knows besides the desired and observed containers, gathered beforehand so that
 * planning stays pure.
 *
 * @param registryDigests the digest each tagged image reference has in its registry now; a reference
 *                        missing here was not checked (registry unreachable, or no check this pass)
 * @param deployed        the container id Mooring last deployed for each component on this node
 * @param selfHeal        what to do about drift
 */
public record Facts(Map<String, String> registryDigests, Map<String, String> deployed, SelfHeal selfHeal) {
    public static final Facts NONE = new Facts(Map.of(), Map.of(), SelfHeal.HEAL);

    public Facts {
        registryDigests = Map.copyOf(registryDigests);
        deployed = Map.copyOf(deployed);
    }

    /** A tenant's policy for drift: a container stopped, removed, renamed or recreated outside Mooring. */
    public enum SelfHeal {
        /** Drift is shown in plans only. */
        OFF,
        /** Drift is shown and makes the pass DRIFTED; nothing is changed. */
        REPORT,
        /** Drift is put right at once. */
        HEAL;

        public static SelfHeal parse(String text) {
            return switch (text) {
                case "off" -> OFF;
                case "report" -> REPORT;
                case "heal" -> HEAL;
                default -> throw new IllegalArgumentException("must be off, report or heal; not '" + text + "'");
            };
        }

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
