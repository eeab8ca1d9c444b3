package io.mooring.reconcile;

/**
 * Which scheduled backups of a tenant a node takes. Its own ({@code own}): its folders, and its database when it runs
 * the tenant's postgresql or, for a managed database ({@code postgres_host}), when it is the tenant's first host by
 * name. A managed database's dump moves to the cluster's leader ({@code singleton}, whichever node leads, once per
 * schedule slot) only when that changes nothing else: the backups go to the tenant's own bucket, which every node
 * reaches and where the first host lists them, and the tenant names no folders, which would be on the first host's
 * disk alone and would have to be a second backup of its own under the same name. Otherwise the dump stays the first
 * host's own job, as it always was. The scheduled backup of a node's own postgresql is that node's, claimed slot by slot
 * in the cluster ({@link #claimsOwnSlots}); while the node is down, the leader stands in for it ({@link #standsIn}).
 */
record BackupDuties(boolean own, boolean singleton) {
    static final BackupDuties NONE = new BackupDuties(false, false);

    /**
     * @param scheduled   the tenant has a backup schedule
     * @param hosted      this node is one of the tenant's hosts (else only the singleton job may be its)
     * @param backupNode  this node is the tenant's first host by name, under which a managed database's backups are kept
     * @param movable     there is a cluster election and the tenant's managed database's dump may move to the leader
     *                    (backed up, to the tenant's bucket, without folders): {@link TenantBackups#movable}
     * @param leads       this node leads the cluster's singleton jobs now
     */
    static BackupDuties of(boolean scheduled, boolean hosted, boolean backupNode, boolean movable, boolean leads) {
        if (!scheduled) {
            return NONE;
        }
        if (!movable) {
            return hosted ? new BackupDuties(true, false) : NONE;
        }
        // The first host's own backup would be the dump alone, which the leader makes.
        return new BackupDuties(hosted && !backupNode, leads);
    }

    /**
     * Whether this node's own scheduled backup of a tenant claims each slot in the cluster first: on a shared state database
     * (there is an election), when the backup dumps the tenant's postgresql running here, which the leader may back up while
     * this node is down.
     */
    static boolean claimsOwnSlots(boolean cluster, boolean dumpsDatabaseHere) {
        return cluster && dumpsDatabaseHere;
    }

    /**
     * Whether this node makes, standing in, the scheduled database backup of the node that runs the tenant's postgresql.
     *
     * @param databaseNode the node that runs it (empty: a managed database, or none backed up)
     * @param self         this node's name
     * @param down         the nodes the cluster's view shows down (three missed heartbeats)
     */
    static boolean standsIn(boolean scheduled, java.util.Optional<String> databaseNode, String self, java.util.Set<String> down,
                            boolean leads) {
        return scheduled && leads && databaseNode.isPresent() && !databaseNode.get().equals(self) && down.contains(databaseNode.get());
    }
}
