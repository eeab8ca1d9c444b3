package io.mooring.metrics;

import io.mooring.model.ClusterStatus;
import io.mooring.model.TenantCertificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the gauges read at each scrape, handed over as functions so that this package needs none of the agent's other
 * parts: the tenants' certificates on this node, the cluster as its heartbeats show it (a function that may throw when the
 * state database does not answer), whether this agent leads, when a tenant's pass last ended, and why the loop is
 * stalled, when it is.
 */
public record AgentState(Supplier<Map<String, TenantCertificate>> certificates, Supplier<ClusterStatus> cluster, BooleanSupplier leads,
                         Supplier<Instant> lastProgress, Supplier<Optional<String>> stalled) {
}
