package io.mooring.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's answers read with Jackson's parser alone, into the tree ObjectMapper.readTree makes of them. */
class JsonTreeIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsWhatObjectMapperReads() throws Exception {
        for (String text : List.of(
                "[{\"Id\":\"abc\",\"Names\":[\"/t-web\"],\"Labels\":{\"a\":\"b\",\"c\":\"\"},\"Ports\":[{\"PrivatePort\":8080,\"PublicPort\":5000,"
                        + "\"Type\":\"tcp\",\"IP\":\"127.0.0.1\"}],\"Created\":1733250000,\"Mounts\":[],\"HostConfig\":null}]",
                "{\"Descriptor\":{\"digest\":\"sha256:45870e50c327\",\"size\":527},\"Platforms\":[{\"os\":\"linux\"}]}",
                "{\"message\":\"No such image: x\\u00e9\\n\\\"quoted\\\"\"}",
                "{\"big\":123456789012345678901234567890,\"long\":9876543210,\"neg\":-1,\"float\":1.5e3,\"t\":true,\"f\":false,\"n\":null}",
                "[]", "{}", "\"text\"", "42", "[[[]],{\"a\":[{}]}]", "{\"a\":1,\"a\":2}")) {
            assertThat(JsonTree.read(text)).as(text).isEqualTo(MAPPER.readTree(text));
        }
        assertThat(JsonTree.read(new byte[0])).isEqualTo(MAPPER.readTree(new byte[0]));
        assertThat(JsonTree.read("  \n")).isEqualTo(MAPPER.readTree("  \n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        for (String text : List.of("{\"a\":", "[1,2", "{\"a\" 1}", "SSH-2.0-OpenSSH_9.2", "[1] [2]", "{\"a\":1}}", "nul")) {
            assertThatThrownBy(() -> JsonTree.read(text)).as(text).isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    void refusesNestingBeyondTheParsersLimit() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> JsonTree.read(deep)).isInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
    }

    @Test
    void quotesAsJson() throws Exception {
        for (String text : List.of("plain", "mooring.tenant=a\"b", "back\\slash", "new\nline", "ünï\u0001")) {
            assertThat(JsonTree.quoted(text)).isEqualTo(MAPPER.writeValueAsString(text));
            assertThat(MAPPER.readTree(JsonTree.quoted(text)).asText()).isEqualTo(text);
        }
    }
}
