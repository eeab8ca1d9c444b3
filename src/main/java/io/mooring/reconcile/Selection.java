package io.mooring.reconcile;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Which tenants at which ref. {@code skip} is asked once for every tenant, with a key of what its desired state
 * is read from at this revision (equal keys: the same desired state); a tenant it skips is neither observed nor
 * recorded. A tenant {@code retry} names is applied even at a revision that failed here (a person asked).
 * {@code settled} is told of each tenant found to be none of this node's at its key (another node's, and nothing of
 * it deployed here): nothing was recorded for it, and at the same key there is nothing more to do here. All three are
 * asked from the pool's threads, several at once.
 */
public record Selection(List<String> tenants, String ref, BiPredicate<String, String> skip, Predicate<String> retry,
                        BiConsumer<String, String> settled) {
    public Selection {
        tenants = List.copyOf(tenants);
    }

    /** Every tenant of this node at {@code ref}, none skipped. */
    public static Selection all(String ref) {
        return new Selection(List.of(), ref, (tenant, key) -> false, tenant -> false, (tenant, key) -> { });
    }

    public Selection skipping(BiPredicate<String, String> skip) {
        return new Selection(tenants, ref, skip, retry, settled);
    }

    /** The same selection, telling {@code settled} of the tenants that are none of this node's. */
    public Selection settling(BiConsumer<String, String> settled) {
        return new Selection(tenants, ref, skip, retry, settled);
    }

    boolean discover() {
        return tenants.isEmpty();
    }
}
