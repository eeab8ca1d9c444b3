package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Location AT = new Location("components.yml", 7, 12);
    private static final Map<String, String> VARS = Map.of("web_version", "1.1", "empty", "");

    private static String expand(String text) {
        return new Template(text, AT).expand(VARS);
    }

    @Test
    void fillsInVariablesDefaultsAndEscapedDollars() {
        assertThat(expand("demo/web:${web_version}")).isEqualTo("demo/web:1.1");
        assertThat(expand("${missing:-fallback}")).isEqualTo("fallback");
        assertThat(expand("${empty:-fallback}")).isEqualTo("fallback");
        assertThat(expand("cost $$5")).isEqualTo("cost $5");
        assertThat(expand("no variables")).isEqualTo("no variables");
    }

    @Test
    void namesTheUndefinedVariableAndWhereItIsUsed() {
        assertThatThrownBy(() -> expand("demo/web:${asterisk_version}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("components.yml:7:12: undefined variable ${asterisk_version}");
    }

    @Test
    void rejectsBrokenReferences() {
        assertThatThrownBy(() -> expand("${unclosed")).hasMessageContaining("closing");
        assertThatThrownBy(() -> expand("${bad-name}")).hasMessageContaining("variable names");
        assertThatThrownBy(() -> expand("$alone")).hasMessageContaining("$$");
    }
}
