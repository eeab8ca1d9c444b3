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
        assertThatThrownBy(() -> expand("${bad name}")).hasMessageContaining("variable names");
        assertThatThrownBy(() -> expand("${9lives}")).hasMessageContaining("variable names");
        assertThatThrownBy(() -> expand("cost $5")).hasMessageContaining("$$");
        assertThatThrownBy(() -> expand("${a:-${b:-${c:-${d:-${e}}}}}")).hasMessageContaining("nested more than 4");
    }

    @Test
    void followsComposeForEveryFormOfInterpolation() {
        assertThat(expand("v$web_version!")).isEqualTo("v1.1!");
        assertThat(expand("${missing-fallback}")).isEqualTo("fallback");
        assertThat(expand("[${empty-fallback}]")).isEqualTo("[]");
        assertThat(expand("${web_version:+set}|${empty:+set}|${missing:+set}")).isEqualTo("set||");
        assertThat(expand("${web_version+set}|${empty+set}|${missing+set}")).isEqualTo("set|set|");
        assertThat(expand("${web_version:?needed}")).isEqualTo("1.1");
        assertThat(expand("${empty?needed}")).isEqualTo("");
        assertThat(expand("${missing:-${web_version}}")).isEqualTo("1.1");
        assertThat(expand("$$web_version")).isEqualTo("$web_version");
    }

    @Test
    void refusesARequiredVariableWithItsOwnMessageWhereItIsUsed() {
        assertThatThrownBy(() -> expand("${empty:?the database password}"))
                .hasMessage("components.yml:7:12: ${empty} is empty: the database password (set empty in the inventory)");
        assertThatThrownBy(() -> expand("${missing?}"))
                .hasMessage("components.yml:7:12: ${missing} is not set: it is required (set missing in the inventory)");
        assertThatThrownBy(() -> expand("$alone")).hasMessageContaining("undefined variable ${alone}");
    }

    @Test
    void checksAWordThatIsNotUsed() {
        assertThatThrownBy(() -> expand("${web_version:-${unclosed}")).hasMessageContaining("closing");
        assertThat(Template.verbatim("pa$$word$x", AT).expand(VARS)).isEqualTo("pa$$word$x");
    }

    @Test
    void saysWhatIsWrongWithATemplateWithoutQuotingIt() {
        assertThat(Template.problem("pa$$word ${set:-x} $name")).isEmpty();
        assertThat(Template.problem("hunter2$!")).hasValue("'$' must start $name or ${name}, or be written $$");
        assertThat(Template.problem("s3cret}")).as("a brace alone is text").isEmpty();
        assertThat(Template.problem("${open")).get().asString().doesNotContain("open\"");
    }
}
