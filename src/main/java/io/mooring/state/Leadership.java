package io.mooring.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster's leader for singleton jobs, elected through the shared state database: one lease, its holder
 * and its epoch (the fencing token, which grows on every takeover). Work done under a {@link Term} commits only
 * while that term is still the lease's (see {@link SingletonRuns}).
 */
public interface Leadership extends AutoCloseable {
    /** The lease used for singleton jobs. */
    String SINGLETON = "singleton";

    /** This node's hold of the lease: who and under which epoch. */
    record Term(String holder, long epoch) {
    }

    /** The lease as the database has it now, and whether it ran out. */
    record Lease(String holder, long epoch, Instant renewedAt, Instant expiresAt, boolean expired) {
    }

    /**
     * One round of the election: renews {@code held} when it is still the lease's, else takes the lease when this
     * node may (see the implementation for when). The term held afterwards, or empty when another node leads.
     * A failure of the database is a {@link StateException}: the caller keeps what it had until its deadline.
     */
    Optional<Term> tryLead(Optional<Term> held, Duration lease);

    /** Lets the lease go at once (the agent stops), so that another node need not wait for it to run out. */
    void resign(Term term);

    /** The lease as the database has it, empty before anyone led. */
    Optional<Lease> lease();

    /** Closes the connection the election holds; a lease held runs out on its own. */
    @Override
    void close();
}
