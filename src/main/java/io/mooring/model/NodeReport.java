package io.mooring.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an agent reports of its node to the cluster with every heartbeat: who it is, which nodes the inventories it knows
 * name (so that the view shows those that never reported), and per tenant what runs there.
 *
 * @param lastSeen       when the database last took the heartbeat, by the database's clock (null in a report being written)
 * @param interval       how often the node reports: it is down after three missed heartbeats
 * @param inventoryNodes the hosts named by the inventories of the tenants this agent reconciles, sorted
 * @param note           what is wrong with the node's heartbeat itself (a report that cannot be read, two agents under the
 *                       node's name), null when nothing is
 */
public record NodeReport(String node, String version, String address, Instant started, Instant lastSeen, Duration interval,
                         List<String> inventoryNodes, List<Tenant> tenants, String note) {
    public NodeReport {
        inventoryNodes = List.copyOf(inventoryNodes);
        tenants = List.copyOf(tenants);
    }

    public NodeReport(String node, String version, String address, Instant started, Instant lastSeen, Duration interval,
                      List<String> inventoryNodes, List<Tenant> tenants) {
        this(node, version, address, started, lastSeen, interval, inventoryNodes, tenants, null);
    }

    /** The same report as the database took it, at {@code seen}. */
    public NodeReport seenAt(Instant seen) {
        return new NodeReport(node, version, address, started, seen, interval, inventoryNodes, tenants, note);
    }

    /**
     * A tenant on the node: the roles the node has in it, the revision its last pass acted on, how that pass ended and when
     * (empty status, null time: no pass since the agent started). The fields after {@code components} are null when not
     * known (and in the rows of agents older than them): since when the node's passes act on {@code revision}, when its
     * last backup on the node ended and why it failed (null: made), when its certificate expires.
     */
    public record Tenant(String tenant, List<String> roles, String revision, String status, Instant lastPass, List<Component> components,
                         Instant revisionSince, Instant lastBackup, String backupError, Instant certificateExpires) {
        public Tenant {
            roles = List.copyOf(roles);
            components = List.copyOf(components);
        }

        public Tenant(String tenant, List<String> roles, String revision, String status, Instant lastPass, List<Component> components) {
            this(tenant, roles, revision, status, lastPass, components, null, null, null, null);
        }

        /** Whether its last pass converged and every component runs and is not known to be unwell. */
        public boolean converged() {
            return PassStatus.CONVERGED.name().equals(status) && components.stream().allMatch(Component::fine);
        }
    }

    /**
     * A component's container as the engine lists it: {@code health} healthy, unhealthy, starting or none (no health check).
     * A Swarm service's adds its tasks: {@code replicas} running of desired ({@code 2/3}) and the nodes they run on; both
     * null for a container (and in the rows of agents older than them).
     */
    public record Component(String component, String image, String digest, String state, String health, String replicas,
                            List<String> nodes) {
        public Component(String component, String image, String digest, String state, String health) {
            this(component, image, digest, state, health, null, null);
        }

        boolean fine() {
            return "running".equals(state) && ("healthy".equals(health) || "none".equals(health));
        }
    }
}
