package io.mooring.state.jdbi;

import io.mooring.state.Leadership;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/** The statements on {@code cluster_leases} that read a lease or make its first row. */
final class LeaseRows {
    private LeaseRows() {
    }

    static Optional<Leadership.Lease> read(Handle handle, String name) {
        return handle.createQuery("SELECT holder, epoch, renewed_at, expires_at, CASE WHEN expires_at <= CURRENT_TIMESTAMP THEN 1"
                        + " ELSE 0 END AS expired FROM cluster_leases WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new Leadership.Lease(rs.getString("holder"), rs.getLong("epoch"),
                        JdbiLeadership.at(rs, "renewed_at").toInstant(), JdbiLeadership.at(rs, "expires_at").toInstant(),
                        rs.getInt("expired") == 1))
                .findOne();
    }

    /** The lease's first row, epoch 1; false when another node made it first. */
    static boolean insert(Handle handle, String name, String holder, Duration lease) {
        try {
            return handle.createUpdate("INSERT INTO cluster_leases (name, holder, epoch, renewed_at, expires_at)"
                            + " VALUES (:name, :me, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + CAST(:ms AS BIGINT) * INTERVAL '0.001' SECOND)")
                    .bind("name", name).bind("me", holder).bind("ms", lease.toMillis()).execute() == 1;
        } catch (JdbiException e) {
            if (SqlStates.duplicate(e)) {
                return false;
            }
            throw e;
        }
    }
}
