package io.mooring.model;

/** A container Mooring created, as the engine reports it now. */
public record ObservedContainer(
        String id,
        String name,
        String tenant,
        String component,
        String revision,
        String specHash,
        String image,
        String state) {

    public boolean running() {
        return "running".equals(state);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
