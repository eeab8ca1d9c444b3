package io.mooring.reconcile;

/**
 * Which scheduled backups of a tenant a node takes. Its own ({@code own}): its folders, and its database when it runs
 * the tenant's postgresql or, for a managed database ({@code postgres_host}), when it is the tenant's first host by
 * name. A managed database's dump moves to the cluster's leader ({@code singleton}, whichever node leads, once per
 * schedule slot) only when that changes nothing else: the backups go to the tenant's own bucket, which every node
 * reaches and where the first host lists them, and the tenant names no folders, which would be on the first host's
 * disk alone and would have to be a second backup of its own under the same name. Otherwise the dump stays the first
 * host's own job, as it always was.
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
}
