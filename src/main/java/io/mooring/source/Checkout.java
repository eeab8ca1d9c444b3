package io.mooring.source;

import io.mooring.model.ConfigTree;
import io.mooring.model.Revision;

/** A revision of the config repository and its files. */
public record Checkout(Revision revision, ConfigTree tree) {
}
