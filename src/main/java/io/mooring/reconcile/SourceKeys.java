package io.mooring.reconcile;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each tenant's key (what its desired state is read from, {@link Round}) at the commit it was last worked out at: a
 * commit never changes, so a round at the same commit as the last asks Git nothing for it (100 tenants' keys were
 * most of an idle agent's work).
 */
final class SourceKeys {
    private final Map<String, Map.Entry<String, String>> known = new ConcurrentHashMap<>();

    String of(String tenant, String commit, Supplier<String> key) {
        Map.Entry<String, String> last = known.get(tenant);
        if (last != null && last.getKey().equals(commit)) {
            return last.getValue();
        }
        String worked = key.get();
        known.put(tenant, Map.entry(commit, worked));
        return worked;
    }

    /** Forgets the tenants a round no longer has. */
    void retain(Set<String> tenants) {
        known.keySet().retainAll(tenants);
    }
}
