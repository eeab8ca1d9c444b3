package io.mooring.model;

import java.time.Instant;

/** The container Mooring last deployed for a component on a node, and the digest its image was pinned to. */
public record Deployment(String tenant, String node, String component, String containerId, String image, String digest,
                         String specHash, String revision, Instant at) {
}
