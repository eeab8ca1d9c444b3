package io.mooring.testing;

import java.nio.file.Path;

/**
 * A tenant folder that backs up its managed PostgreSQL database on this machine and one host folder to the test's
 * S3Proxy bucket: what the backup tests commit, with {@code backupExtra} lines added to its x-mooring.backup block.
 */
public final class BackupTenant {
    private BackupTenant() {
    }

    public static String commit(TestRepo repo, String tenant, String database, TestS3 s3, Path folder, String backupExtra)
            throws Exception {
        repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {postgres_host: 127.0.0.1,"
                + " postgres_port: \"5432\", postgres_database: " + database + ", postgres_user: postgres, " + s3.inventoryVars() + "}\n");
        repo.write("instances/" + tenant + "/components.yml", """
                x-mooring:
                  backup:
                    folders: [%s]
                %s
                services:
                  web: {image: "127.0.0.1:5000/demo/web:1.0"}
                """.formatted(folder, backupExtra));
        return repo.commit("backups of " + database + " and " + folder);
    }
}
