package io.mooring.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schemas read as ObjectMapper.readTree reads them, their text nodes printed as Jackson prints its own. */
class SchemaTreeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theJarsSchemasReadAsJacksonReadsThem() throws IOException {
        for (String name : List.of("inventory.schema.json", "components.schema.json")) {
            byte[] text;
            try (InputStream in = SchemaCheck.class.getResourceAsStream("schemas/" + name)) {
                text = in.readAllBytes();
            }
            JsonNode ours = SchemaTree.read(name, text);
            assertThat(ours).as(name).isEqualTo(MAPPER.readTree(text));
            assertThat(ours.toString()).as(name).isEqualTo(MAPPER.readTree(text).toString());
        }
    }

    @Test
    void textNodesPrintThemselvesAsJacksonPrintsThem() throws IOException {
        String json = "{\"a\": [\"plain\", \"quote \\\" back \\\\ slash\", \"tab\\t\\u0001 \\u00e9 \\u2028\", \"\"],"
                + " \"n\": [1, -2, 12345678901, 123456789012345678901234567890, 1.5, 1e300], \"b\": [true, false, null]}";
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        JsonNode ours = SchemaTree.read("test.json", text);
        JsonNode theirs = MAPPER.readTree(text);
        assertThat(ours).isEqualTo(theirs);
        for (int i = 0; i < theirs.get("a").size(); i++) {
            assertThat(ours.get("a").get(i)).isInstanceOf(SchemaTree.PrintedText.class);
            assertThat(ours.get("a").get(i).toString()).isEqualTo(theirs.get("a").get(i).toString());
            assertThat(theirs.get("a").get(i)).isEqualTo(ours.get("a").get(i));
        }
        for (int i = 0; i < theirs.get("n").size(); i++) {
            assertThat(ours.get("n").get(i).getClass()).isEqualTo(theirs.get("n").get(i).getClass());
        }
        assertThat(new SchemaTree.PrintedText("x").hashCode()).isEqualTo(new TextNode("x").hashCode());
    }

    @Test
    void aSchemaThatIsNotOneJsonValueIsRefusedWithItsName() {
        for (String bad : List.of("", "{\"a\": 1} {}", "{\"a\": ", "[1, 2")) {
            assertThatThrownBy(() -> SchemaTree.read("broken.schema.json", bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalStateException.class).hasMessageContaining("broken.schema.json");
        }
    }
}
