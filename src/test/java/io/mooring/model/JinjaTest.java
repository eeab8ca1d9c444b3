package io.mooring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JinjaTest {
    @Test
    void readsTheConstructsRealInventoriesUse() {
        assertThat(Jinja.parse("{{ bucket_url }}")).containsExactly(
                new Jinja.Expression(List.of(new Jinja.Var("bucket_url")), "{{ bucket_url }}"));
        assertThat(Jinja.parse("{{ hostvars['omnileads_data'].omni_ip_lan }}")).containsExactly(new Jinja.Expression(
                List.of(new Jinja.HostVar("omnileads_data", "omni_ip_lan")), "{{ hostvars['omnileads_data'].omni_ip_lan }}"));
        assertThat(Jinja.parse("{{hostvars[\"db\"][\"omni_ip_lan\"]}}")).containsExactly(new Jinja.Expression(
                List.of(new Jinja.HostVar("db", "omni_ip_lan")), "{{hostvars[\"db\"][\"omni_ip_lan\"]}}"));
        assertThat(Jinja.parse("{{ oml_src_root }}/django")).containsExactly(
                new Jinja.Expression(List.of(new Jinja.Var("oml_src_root")), "{{ oml_src_root }}"), new Jinja.Text("/django"));
        assertThat(Jinja.parse("{{ port | default(5432) }}")).containsExactly(new Jinja.Expression(
                List.of(new Jinja.Defaulted(new Jinja.Var("port"), List.of(new Jinja.Fallback(new Jinja.Literal("5432"), false)))), "{{ port | default(5432) }}"));
        assertThat(Jinja.parse("{{ a | d('x', true) ~ '-' ~ b }}").get(0)).isEqualTo(new Jinja.Expression(List.of(
                new Jinja.Defaulted(new Jinja.Var("a"), List.of(new Jinja.Fallback(new Jinja.Literal("x"), true))), new Jinja.Literal("-"), new Jinja.Var("b")),
                "{{ a | d('x', true) ~ '-' ~ b }}"));
        assertThat(Jinja.isTemplate("internal/${RTPENGINE_HOSTNAME}")).isFalse();
        assertThat(Jinja.parse("{{ '}}' }}")).containsExactly(new Jinja.Expression(List.of(new Jinja.Literal("}}")), "{{ '}}' }}"));
    }

    @Test
    void namesTheConstructItDoesNotRead() {
        assertThatThrownBy(() -> Jinja.parse("{{ x | upper }}")).hasMessageContaining("the filter '| upper'");
        assertThatThrownBy(() -> Jinja.parse("{% if x %}a{% endif %}")).hasMessageContaining("Jinja statement {% if x %}");
        assertThatThrownBy(() -> Jinja.parse("{# note #}")).hasMessageContaining("Jinja comment {# note #}");
        assertThatThrownBy(() -> Jinja.parse("{{ TZ}")).hasMessageContaining("'{{' without a closing '}}'");
        assertThatThrownBy(() -> Jinja.parse("{{ groups['app'][0] }}")).hasMessageContaining("'groups[...'");
        assertThatThrownBy(() -> Jinja.parse("{{ lookup('env', 'X') }}")).hasMessageContaining("the call lookup(...)");
        assertThatThrownBy(() -> Jinja.parse("{{ x if y else z }}")).hasMessageContaining("'if y else z'");
        assertThatThrownBy(() -> Jinja.parse("{{ hostvars[inventory_hostname].x }}")).hasMessageContaining("name the host in quotes");
        assertThatThrownBy(() -> Jinja.parse("{{ hostvars['a'].b.c }}")).hasMessageContaining("only one variable deep");
        assertThatThrownBy(() -> Jinja.parse("{{ }}")).hasMessageContaining("an empty expression");
        assertThatThrownBy(() -> Jinja.parse("{{ x | default('a', maybe) }}")).hasMessageContaining("the second argument is true or false");
        assertThat(Jinja.parse("{{ a" + " | d".repeat(8) + " ~ b" + " | d".repeat(8) + " }}")).hasSize(1);
        assertThatThrownBy(() -> Jinja.parse("{{ a" + " | d".repeat(9) + " ~ b" + " | d".repeat(8) + " }}"))
                .hasMessageContaining("more than 16 filters in one expression");
    }

    @Test
    void aLongValueIsReadInOnePassWithoutRecursion() {
        String many = "{{ a ~ ".repeat(1).concat("b ~ ".repeat(100_000)).concat("c }}");
        assertThat(((Jinja.Expression) Jinja.parse(many).get(0)).terms()).hasSize(100_002);
    }

    @Test
    void textAroundExpressionsKeepsItsLoneBraces() {
        assertThat(Jinja.parse("a{b}{x{{ v }}}c{")).containsExactly(new Jinja.Text("a{b}{x"),
                new Jinja.Expression(List.of(new Jinja.Var("v")), "{{ v }}"), new Jinja.Text("}c{"));
        assertThat(Jinja.parse("{{ v }}{{w}}}")).containsExactly(new Jinja.Expression(List.of(new Jinja.Var("v")), "{{ v }}"),
                new Jinja.Expression(List.of(new Jinja.Var("w")), "{{w}}"), new Jinja.Text("}"));
        assertThatThrownBy(() -> Jinja.parse("{ {% x %}")).hasMessageContaining("Jinja statement {% x %}");
        assertThatThrownBy(() -> Jinja.parse("}{{ v }")).hasMessageContaining("'{{' without a closing '}}'");
    }

    /** Any text is read or refused as unsupported: no other exception, whatever the characters. */
    @Test
    void anyTextIsReadOrRefusedByName() {
        String alphabet = "{}%#[]()'\".|~,-+ 0123abc_hostvarsdefault\ttrue";
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder("{{");
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextBoolean()) {
                text.append("}}");
            }
            try {
                Jinja.parse(text.toString());
            } catch (Jinja.Unsupported expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
