package io.mooring.inventory;

import io.mooring.inventory.AnsibleTree.Group;
import io.mooring.inventory.AnsibleTree.Var;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code mooring import --recipients}: the variables of an imported inventory named like secrets, moved out of it into
 * what becomes the tenant's {@code secrets.yml.age}. A variable whose hosts all end up with one value moves (its
 * {@code secrets.yml.age} value wins everywhere); one whose hosts get different values stays, listed, for a person to
 * sort out.
 */
public final class SecretsImport {
    /** The inventory without the moved variables, the moved ones by name, and the names that stayed. */
    public record Moved(String inventory, Map<String, Object> secrets, List<String> kept) {
        /** The secrets as {@code secrets.yml}'s text. */
        public String secretsYaml() {
            return secrets.isEmpty() ? "" : AnsibleTree.dump(secrets);
        }
    }

    private SecretsImport() {
    }

    /** Moves the tenant's plaintext secrets; {@code file} names the inventory in messages. */
    public static Moved move(String file, String inventory) {
        byte[] bytes = inventory.getBytes(StandardCharsets.UTF_8);
        Group top = AnsibleTree.fromYaml(file, bytes);
        Map<String, Set<Object>> values = new TreeMap<>();
        try {
            // Each host's value as Ansible's precedence makes it: a host var over the group's counts once.
            InventoryReader.read(file, bytes).hostMap().values().forEach(host -> host.vars().forEach((name, value) -> {
                if (PlaintextNames.looksSecret(name) && !value.isEmpty() && !value.contains("{{")) {
                    values.computeIfAbsent(name, n -> new HashSet<>()).add(value);
                }
            }));
        } catch (io.mooring.model.InvalidConfigException e) {
            // Validation will say what is wrong with it; the values as written are all there is to go by.
            collect(top, values);
        }
        Map<String, Object> moved = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        values.forEach((name, seen) -> {
            if (seen.size() == 1) {
                moved.put(name, seen.iterator().next());
            } else {
                kept.add(name);
            }
        });
        if (moved.isEmpty()) {
            return new Moved(inventory, moved, kept);
        }
        remove(top, moved.keySet());
        return new Moved(AnsibleTree.dump(TenantImport.children(top)), moved, kept);
    }

    private static void collect(Group group, Map<String, Set<Object>> values) {
        note(group.vars, values);
        group.hosts.values().forEach(vars -> note(vars, values));
        group.children.values().forEach(child -> collect(child, values));
    }

    private static void note(Map<String, Var> vars, Map<String, Set<Object>> values) {
        vars.forEach((name, var) -> {
            boolean reference = var.value() instanceof String text && text.contains("{{");
            if (PlaintextNames.looksSecret(name) && var.value() != null && !reference && !Objects.equals(var.value(), "")) {
                values.computeIfAbsent(name, n -> new HashSet<>()).add(var.value());
            }
        });
    }

    private static void remove(Group group, Set<String> names) {
        group.vars.keySet().removeAll(names);
        group.hosts.values().forEach(vars -> vars.keySet().removeAll(names));
        group.children.values().forEach(child -> remove(child, names));
    }
}
