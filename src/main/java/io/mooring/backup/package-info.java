/**
 * Backups of a tenant to an S3-compatible bucket: database dumps and folders, manifests with
 * SHA-256 written last, retention, restore and verify. The AWS SDK stays in {@code backup.s3}.
 */
package io.mooring.backup;
