package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Passes of the schemas remembered between commands: a pass skips the schemas next time, a problem never does. */
class SchemaMemoryTest {
    private static final byte[] SCHEMA = "{\"type\": \"object\"}".getBytes(StandardCharsets.UTF_8);

    /** A store in memory that counts what it was asked. */
    private static final class Kept implements SchemaMemory.Store {
        final Set<String> keys = new HashSet<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public boolean holds(String key) {
            asked.add(key);
            return keys.contains(key);
        }

        @Override
        public void add(String key) {
            keys.add(key);
        }
    }

    @AfterEach
    void forget() {
        SchemaMemory.use(null);
    }

    private static void components(String yaml) {
        ComponentsReader.read("components.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatPassedIsKnownByItsKeyNextTime() {
        Kept kept = new Kept();
        SchemaMemory.use(kept);
        components("services:\n  web: {image: x}\n");
        assertThat(kept.keys).hasSize(1);
        assertThat(kept.asked).hasSize(1);

        components("services:\n  web: {image: x}\n");
        assertThat(kept.keys).hasSize(1);
        assertThat(kept.asked).hasSize(2).containsOnly(kept.keys.iterator().next());

        components("services:\n  web: {image: y}\n");
        assertThat(kept.keys).hasSize(2);
    }

    /** The schema alone, on a file the readers would refuse first: its retention must keep at least one backup. */
    private static Problems schemaOnly(String yaml) {
        Problems problems = new Problems("components.yml");
        SchemaCheck.COMPONENTS.check(SafeYaml.parse("components.yml", yaml.getBytes(StandardCharsets.UTF_8)), problems);
        return problems;
    }

    private static final String RETAINS_NOTHING = "x-mooring:\n  backup:\n    retention: {last: 0}\nservices:\n  web: {image: x}\n";

    @Test
    void aFileWithASchemaProblemIsNeverRemembered() {
        Kept kept = new Kept();
        SchemaMemory.use(kept);
        for (int run = 0; run < 2; run++) {
            Problems problems = schemaOnly(RETAINS_NOTHING);
            assertThatThrownBy(problems::throwIfAny).hasMessageContaining("components.yml:3:").hasMessageContaining("(schema)");
        }
        assertThat(kept.keys).isEmpty();
        assertThat(kept.asked).hasSize(2);
        assertThat(schemaOnly("services:\n  web: {image: x}\n").isEmpty()).isTrue();
        assertThat(kept.keys).hasSize(1);
    }

    @Test
    void theReadersCheckARememberedFileAsBefore() {
        Kept kept = new Kept();
        SchemaMemory.use(kept);
        for (int run = 0; run < 2; run++) {
            assertThatThrownBy(() -> components("services:\n  web: {image: x, stop_signal: [1]}\n"))
                    .hasMessageContaining("components.yml:2:").hasMessageContaining("must be a single value, not a list");
        }
    }

    @Test
    void withoutAStoreEveryFileIsChecked() {
        assertThat(SchemaMemory.store()).isEmpty();
        assertThatThrownBy(schemaOnly(RETAINS_NOTHING)::throwIfAny).hasMessageContaining("(schema)");
    }

    @Test
    void theKeyTellsTypesValuesOrderAndSchemasApart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String one = key(json.readTree("{\"a\": 1, \"b\": [true, null, \"x\"]}"));
        assertThat(one).matches("[0-9a-f]{64}").isEqualTo(key(json.readTree("{\"a\": 1, \"b\": [true, null, \"x\"]}")));
        assertThat(List.of(
                key(json.readTree("{\"a\": \"1\", \"b\": [true, null, \"x\"]}")),
                key(json.readTree("{\"a\": 1.0, \"b\": [true, null, \"x\"]}")),
                key(json.readTree("{\"a\": 1, \"b\": [\"true\", null, \"x\"]}")),
                key(json.readTree("{\"a\": 1, \"b\": [true, \"null\", \"x\"]}")),
                key(json.readTree("{\"a\": 1, \"b\": [true, null], \"x\": null}")),
                key(json.readTree("{\"b\": [true, null, \"x\"], \"a\": 1}")),
                key(json.readTree("{\"a1\": 1, \"b\": [true, null, \"x\"]}")),
                SchemaMemory.key("{}".getBytes(StandardCharsets.UTF_8), json.readTree("{\"a\": 1, \"b\": [true, null, \"x\"]}")),
                SchemaMemory.key(edited(SCHEMA), json.readTree("{\"a\": 1, \"b\": [true, null, \"x\"]}"))))
                .doesNotContain(one).doesNotHaveDuplicates();
    }

    /** The schema with one byte changed: the same length, another text. */
    private static byte[] edited(byte[] schema) {
        byte[] edited = schema.clone();
        edited[edited.length / 2] ^= 1;
        return edited;
    }

    private static String key(JsonNode tree) {
        return SchemaMemory.key(SCHEMA, tree);
    }
}
