package io.mooring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.DesiredContainer;
import io.mooring.model.HostAccess;
import io.mooring.model.ImageRef;
import io.mooring.model.Labels;
import io.mooring.model.Revision;
import io.mooring.model.Rollout;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The engine merges an image's labels into its container's: none of Mooring's may be left for an image to set. */
class OwnershipLabelsTest {
    private static final DesiredContainer WEB = new DesiredContainer("acme", "web", "acme-web", ImageRef.parse("demo/web:1"), List.of(),
            new TreeMap<>(Map.of()), List.of(), List.of(), "unless-stopped", new TreeMap<>(), List.of(), null,
            HostAccess.NONE, List.of(), Rollout.DEFAULT, new TreeMap<>(), "h1");

    /** Every io.mooring.* label of a container, as Labels names them (the network's own label is a network's). */
    private static List<String> containerLabels() {
        return Arrays.stream(Labels.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).filter(v -> v.startsWith("io.mooring.") && !v.equals(Labels.NETWORK)).toList();
    }

    @Test
    void everyLabelMooringReadsIsSetEvenWhenItDoesNotApply() {
        Map<String, String> labels = OwnershipLabels.of(WEB, "node-1", new Revision("abc", ""), "");
        assertThat(labels).containsKeys(containerLabels().toArray(String[]::new));
        assertThat(labels).containsEntry(Labels.PRUNE_VOLUMES, "false").containsEntry(Labels.JOB, "")
                .containsEntry(Labels.EXTERNAL_VOLUMES, "").containsEntry(Labels.STOP_TIMEOUT, "").containsEntry(Labels.PORTS, "")
                .containsEntry(Labels.DIGEST, "");
    }

    @Test
    void aJobNamesItsHookAndPublishesNoPorts() {
        Map<String, String> labels = OwnershipLabels.ofJob(WEB, "migrate", "node-1", new Revision("abc", ""), "sha256:" + "a".repeat(64));
        assertThat(labels).containsKeys(containerLabels().toArray(String[]::new));
        assertThat(labels).containsEntry(Labels.JOB, "migrate").containsEntry(Labels.PORTS, "").containsEntry(Labels.PRUNE_VOLUMES, "false");
    }
}
