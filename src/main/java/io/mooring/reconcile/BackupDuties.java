package io.mooring.reconcile;

/**
 * Which scheduled backups of a tenant a node takes. Its own ({@code own}): its folders, and its database when it runs
 * the tenant's postgresql. A managed database's ({@code postgres_host}) is a singleton job: in a cluster, only the
 * leader takes it ({@code singleton}), whichever node that is, once per schedule slot; the first host by name, whose
 * own backup used to hold that dump, no longer takes one of its own then. Without a cluster election (no leader to
 * ask) every node takes its own, as it always did.
 */
record BackupDuties(boolean own, boolean singleton) {
    static final BackupDuties NONE = new BackupDuties(false, false);

    /**
     * @param scheduled   the tenant has a backup schedule
     * @param hosted      this node is one of the tenant's hosts (else only the singleton job may be its)
     * @param backupNode  this node is the tenant's first host by name, under which a managed database's backups are kept
     * @param managed     the tenant's database is managed, and backed up
     * @param elected     there is a cluster election (the agent, not a test's bare scheduler)
     * @param leads       this node leads the cluster's singleton jobs now
     */
    static BackupDuties of(boolean scheduled, boolean hosted, boolean backupNode, boolean managed, boolean elected, boolean leads) {
        if (!scheduled) {
            return NONE;
        }
        if (!hosted) {
            return new BackupDuties(false, elected && managed && leads);
        }
        if (!elected || !managed) {
            return new BackupDuties(true, false);
        }
        return new BackupDuties(!backupNode, leads);
    }
}
