package io.mooring.inventory;

import io.mooring.model.Location;
import java.util.List;
import java.util.Map;

/**
 * One place's variables: all.vars, a group's vars or a host's own. A null or empty value is a value (Ansible's
 * None), kept as empty text; {@code roles} is null when this place does not set them.
 */
record Layer(Map<String, String> scalars, Map<String, Location> origins, List<String> roles) {
}
