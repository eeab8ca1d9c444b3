package io.mooring.reconcile;

import io.mooring.apply.Applier;
import io.mooring.engine.Engine;
import io.mooring.source.GitSource;
import io.mooring.state.StateStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What every tenant's pass on this node shares: the engine, the state store, the applier, the agent's settings and the
 * host ports passes under way have claimed.
 */
record PassContext(Engine engine, GitSource source, StateStore store, String node, Clock clock, Reconciler.Settings settings, Applier applier,
                   RegistryDigests digests, SignatureGate gate, Optional<TenantBackups> backups,
                   Map<String, Reconciler.Accepted> accepted, PortClaims ports,
                   TenantCertificates certificates) {
}
