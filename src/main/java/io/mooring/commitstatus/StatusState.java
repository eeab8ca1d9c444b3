package io.mooring.commitstatus;

/**
 * A commit status in Mooring's words, each provider naming it its own way: GitHub and Gitea have pending, success,
 * failure and error; GitLab has pending, running, success, failed and canceled.
 */
public enum StatusState {
    /** Waiting: changes planned but held for the tenant's maintenance window. */
    PENDING,
    /** Being applied (GitHub and Gitea show it as pending). */
    RUNNING,
    /** Applied: everything runs as the commit says. */
    SUCCESS,
    /** The commit failed on the node, was refused, is invalid or is held after failing. */
    FAILURE,
    /** The pass could not finish for reasons not the commit's (GitLab shows it as failed). */
    ERROR
}
