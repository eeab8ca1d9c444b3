package io.mooring.reconcile;

import io.mooring.backup.Manifest;
import io.mooring.backup.PgConnection;
import io.mooring.leader.Singletons;
import io.mooring.model.Guardrails;
import io.mooring.model.TenantConfig;
import io.mooring.source.Checkout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;

/**
 * The scheduled database backup of a node that is down, made by the cluster's leader standing in for it: the singleton
 * job {@code backup:<tenant>@<node>}, whose slots the node itself claims under its name while it is up
 * ({@link io.mooring.leader.NodeSlots}), so that the claim decides who makes a slot, once. The dump reaches the tenant's
 * postgresql where the inventory publishes it on the down node ({@code omni_ip_lan}), with the tenant's credentials; the
 * backup is kept under the down node's name, with the dump alone: its folders are on its disk. A dump the leader cannot
 * reach is a missed slot, recorded failed with the reason.
 */
final class StandInBackup {
    private static final int CONNECT_MILLIS = 5_000;

    private final Singletons singletons;
    private final TenantBackups backups;
    private final Guardrails guardrails;
    private final String node;

    StandInBackup(Singletons singletons, TenantBackups backups, Guardrails guardrails, String node) {
        this.singletons = singletons;
        this.backups = backups;
        this.guardrails = guardrails;
        this.node = node;
    }

    /** The job of a node's scheduled database backup, claimed by the node or by the leader standing in for it. */
    static String job(String tenant, String databaseNode) {
        return "backup:" + tenant + "@" + databaseNode;
    }

    Singletons.Result run(TenantConfig config, Checkout checkout, String down, Instant slot) {
        return singletons.run(job(config.tenant(), down), slot, fence -> {
            if (!TenantBackups.tenantBucket(config, down)) {
                throw new IOException("missed: node " + down + " is down, and the tenant's backups from it go to its agent's own folder"
                        + " or bucket, where a backup made by node " + node + " would not be found; the tenant's own bucket (bucket_url,"
                        + " bucket_name) lets the leader stand in");
            }
            if (TenantBackups.publishedAddress(config, down).isEmpty()) {
                throw new IOException("missed: node " + down + " is down, and the inventory gives no omni_ip_lan for it, so its"
                        + " postgresql is published on its own loopback, which node " + node + " cannot reach");
            }
            try (TenantBackups.Context context = backups.standIn(config, down, checkout.revision(), guardrails)) {
                Manifest backup = backups.observed(config, down, () -> {
                    reach(context.job().database().orElseThrow(), down);
                    return context.backups().run(context.job(), fence::refusal);
                });
                String pruned = context.prune().map(note -> "; " + note).orElse("");
                return "backup " + backup.id() + " of node " + down + "'s database, made by node " + node + " standing in while " + down
                        + " is down, kept under node " + down + "; its folders are not included (they are on " + down + "'s disk)" + pruned;
            }
        });
    }

    /** Fails, naming where, unless the down node's postgresql takes a connection from here. */
    private void reach(PgConnection database, String down) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(database.host(), database.port()), CONNECT_MILLIS);
        } catch (IOException e) {
            throw new IOException("missed: node " + down + " is down, and its postgresql cannot be reached from node " + node + " at "
                    + database.host() + ":" + database.port() + " (" + e.getMessage() + ")", e);
        }
    }

    boolean leads() {
        return singletons.leads();
    }
}
