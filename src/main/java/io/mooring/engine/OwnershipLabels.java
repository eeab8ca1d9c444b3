package io.mooring.engine;

import io.mooring.model.DesiredContainer;
import io.mooring.model.Labels;
import io.mooring.model.PortMapping;
import io.mooring.model.Revision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels a container is created with: the component's own, then every {@code io.mooring.*} label Mooring reads back,
 * each set explicitly, empty or {@code false} when it does not apply. The engine merges the image's labels into the
 * container's, so a label left out would be the image's to set: {@code LABEL io.mooring.prune-volumes=true} would make
 * Mooring remove the tenant's volumes with the container.
 */
public final class OwnershipLabels {
    private OwnershipLabels() {
    }

    /** A component's container; {@code digest} is empty when the image was not pinned. */
    public static Map<String, String> of(DesiredContainer spec, String node, Revision revision, String digest) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(Labels.TENANT, spec.tenant());
        labels.put(Labels.COMPONENT, spec.component());
        labels.put(Labels.REVISION, revision.commit());
        labels.put(Labels.SPEC_HASH, spec.specHash());
        labels.put(Labels.NODE, node);
        labels.put(Labels.IMAGE, spec.image().reference());
        labels.put(Labels.SPEC_FIELDS, String.join(";", spec.specFields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        labels.put(Labels.DIGEST, digest);
        labels.put(Labels.PORTS, PortMapping.label(spec.ports()));
        labels.put(Labels.PRUNE_VOLUMES, String.valueOf(spec.rollout().pruneVolumes()));
        labels.put(Labels.RUN_ONCE, String.valueOf(spec.rollout().runOnce()));
        labels.put(Labels.EXTERNAL_VOLUMES, String.join(",", spec.options().volumes().entrySet().stream()
                .filter(e -> e.getValue().external()).map(Map.Entry::getKey).toList()));
        Long stop = spec.options().numbers().get("stop_grace_period");
        labels.put(Labels.STOP_TIMEOUT, stop == null ? "" : String.valueOf(stop));
        labels.put(Labels.JOB, "");
        return labels;
    }

    /** A hook's job of the component: its labels, the hook's name as the job, no ports. */
    public static Map<String, String> ofJob(DesiredContainer spec, String hook, String node, Revision revision, String digest) {
        Map<String, String> labels = of(spec, node, revision, digest);
        labels.put(Labels.JOB, hook);
        labels.put(Labels.PORTS, "");
        return labels;
    }
}
