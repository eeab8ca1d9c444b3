package io.mooring.inventory;

import io.mooring.model.BackupSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the top-level {@code x-mooring.backup} block of components.yml. */
final class BackupReader {
    private static final Set<String> KEYS = Set.of("database", "folders", "age_recipients", "retention", "schedule", "before_upgrade",
            "compression");
    private static final Set<String> RETENTION_KEYS = Set.of("last", "daily", "weekly");
    private static final String AGE_RECIPIENT = "age1[02-9ac-hj-np-z]{58}";
    private static final String ABSOLUTE_FOLDER = "/[^\\u0000]{0,1023}";

    private final ComponentsReader reader;
    private final YamlNodes nodes;
    private final Problems problems;

    BackupReader(ComponentsReader reader, YamlNodes nodes, Problems problems) {
        this.reader = reader;
        this.nodes = nodes;
        this.problems = problems;
    }

    BackupSettings read(Node node) {
        if (node == null) {
            return BackupSettings.DEFAULT;
        }
        String where = "x-mooring.backup";
        Map<String, Node> keys = nodes.mapping(node, where, KEYS);
        boolean database = !keys.containsKey("database") || reader.bool(keys.get("database"), where + ".database");
        List<String> folders = new ArrayList<>();
        for (ScalarNode folder : list(keys.get("folders"), where + ".folders")) {
            String path = folder.getValue();
            if (!path.matches(ABSOLUTE_FOLDER) || path.contains("/../") || path.endsWith("/..")) {
                problems.add(folder, where + ".folders: '" + ComponentsReader.shorten(path) + "' must be an absolute path without ..");
            } else {
                folders.add(path);
            }
        }
        List<String> recipients = new ArrayList<>();
        for (ScalarNode recipient : list(keys.get("age_recipients"), where + ".age_recipients")) {
            if (!recipient.getValue().matches(AGE_RECIPIENT)) {
                problems.add(recipient, where + ".age_recipients: '" + ComponentsReader.shorten(recipient.getValue())
                        + "' is not an age X25519 recipient (age1..., as age-keygen prints it)");
            } else {
                recipients.add(recipient.getValue());
            }
        }
        BackupSettings.Retention retention = retention(keys.get("retention"), where + ".retention");
        String schedule = "";
        if (keys.containsKey("schedule")) {
            schedule = nodes.scalar(keys.get("schedule"), where + ".schedule").orElse("");
            try {
                io.mooring.model.CronSchedule.parse(schedule);
            } catch (IllegalArgumentException e) {
                problems.add(keys.get("schedule"), where + ".schedule: " + e.getMessage());
            }
        }
        boolean beforeUpgrade = keys.containsKey("before_upgrade") && reader.bool(keys.get("before_upgrade"), where + ".before_upgrade");
        int compression = -1;
        if (keys.containsKey("compression")) {
            compression = count(keys.get("compression"), where + ".compression", -1);
            if (compression > 9) {
                problems.add(keys.get("compression"), where + ".compression must be from 0 (none) to 9, as pg_dump -Z takes it");
            }
        }
        return new BackupSettings(database, folders, recipients, retention, schedule, beforeUpgrade, compression);
    }

    private List<ScalarNode> list(Node node, String what) {
        return node == null ? List.of() : nodes.scalarList(node, what);
    }

    private BackupSettings.Retention retention(Node node, String where) {
        if (node == null) {
            return BackupSettings.Retention.DEFAULT;
        }
        Map<String, Node> keys = nodes.mapping(node, where, RETENTION_KEYS);
        BackupSettings.Retention defaults = BackupSettings.Retention.DEFAULT;
        int last = count(keys.get("last"), where + ".last", defaults.last());
        if (last < 1) {
            problems.add(keys.get("last"), where + ".last must be at least 1: the newest backup is always kept");
        }
        return new BackupSettings.Retention(last,
                count(keys.get("daily"), where + ".daily", defaults.daily()), count(keys.get("weekly"), where + ".weekly", defaults.weekly()));
    }

    private int count(Node node, String what, int otherwise) {
        if (node == null) {
            return otherwise;
        }
        String text = nodes.scalar(node, what).orElse("");
        if (!text.matches("\\d{1,4}")) {
            problems.add(node, what + " must be a whole number from 0 to 9999; not '" + ComponentsReader.shorten(text) + "'");
            return otherwise;
        }
        return Integer.parseInt(text);
    }
}
