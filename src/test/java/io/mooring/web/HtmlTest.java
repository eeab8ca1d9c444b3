package io.mooring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value from a repository or a log gets into the page as text, never as markup. */
class HtmlTest {
    @Test
    void escapesMarkupQuotesAndAmpersands() {
        assertThat(Html.escape("<script>alert('x')</script>")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(Html.escape("a \"quoted\" & `ticked` value")).isEqualTo("a &quot;quoted&quot; &amp; &#96;ticked&#96; value");
        assertThat(Html.escape("&amp;")).as("escaped once more, not left as an entity").isEqualTo("&amp;amp;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void showsControlAndBidiCharactersAsQuestionMarksAndKeepsLines() {
        assertThat(Html.escape("red\u001b[31m\u202etxt.exe\u0000")).isEqualTo("red?[31m?txt.exe?");
        assertThat(Html.escape("line one\nline two\ttab")).isEqualTo("line one\nline two\ttab");
        assertThat(Html.escape("tag changed: 1.0 → 2.0 ✓")).isEqualTo("tag changed: 1.0 → 2.0 ✓");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onmouseover='alert(1)",
            "</textarea><svg/onload=alert(1)>", "&lt;script&gt;"})
    void noHostileStringKeepsAnAngleBracketOrAQuote(String hostile) {
        String escaped = Html.escape(hostile);
        assertThat(escaped).doesNotContain("<", ">", "\"", "'");
        assertThat(escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#96;", "`")
                .replace("&amp;", "&")).as("and reads back as it was").isEqualTo(hostile);
    }

    @Test
    void aPathSegmentIsPercentEncoded() {
        assertThat(Html.segment("acme")).isEqualTo("acme");
        assertThat(Html.segment("a/b c?d#e")).isEqualTo("a%2Fb%20c%3Fd%23e");
        assertThat(Html.segment("\"><x")).isEqualTo("%22%3E%3Cx");
    }
}
