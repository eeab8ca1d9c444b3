package io.mooring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A tenant's page: its passes with every action, and a Retry only for a held revision and only for a signed-in person. */
class TenantPageTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final PassRecord FAILED = new PassRecord("acme", "node-a", "fedcba9876543210", PassStatus.FAILED,
            "web: exited with code 3 <script>alert('x')</script>",
            List.of(new ActionRecord("web", ActionVerb.REPLACE, "tag changed: 1.0 → crash & \"more\"", ActionOutcome.FAILED, "exited with code 3"),
                    new ActionRecord("worker", ActionVerb.CREATE, "missing", ActionOutcome.SKIPPED, "")),
            NOW.minusSeconds(40), NOW.minusSeconds(38));
    private static final PassRecord CONVERGED = new PassRecord("acme", "node-a", "0123456789abcdef", PassStatus.CONVERGED, "1 change(s) applied",
            List.of(new ActionRecord("web", ActionVerb.CREATE, "missing", ActionOutcome.DONE, "created")), NOW.minusSeconds(600),
            NOW.minusSeconds(597));

    private static TenantPage.View view(Optional<PassRecord> here, Optional<String> csrf) {
        return new TenantPage.View("acme", "node-a", List.of(FAILED, CONVERGED), here, csrf, Optional.empty(), csrf.isPresent());
    }

    @Test
    void listsEachPassWithItsMessageAndEveryActionEscaped() {
        String html = TenantPage.render(view(Optional.of(CONVERGED), Optional.of("f0rm")), NOW);

        assertThat(html.split("<section class=\"pass\"", -1)).hasSize(3);
        assertThat(html.indexOf("data-status=\"FAILED\"")).as("newest first").isLessThan(html.indexOf("data-status=\"CONVERGED\""));
        assertThat(html).contains("<pre class=\"message\">web: exited with code 3 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</pre>")
                .doesNotContain("<script>")
                .contains("<td data-label=\"Verb\">replace</td><td data-label=\"Component\">web</td>"
                        + "<td data-label=\"Reason\">tag changed: 1.0 → crash &amp; &quot;more&quot;</td>"
                        + "<td data-label=\"Outcome\"><span class=\"badge bad\">failed</span></td>")
                .contains("<td data-label=\"Verb\">create</td><td data-label=\"Component\">worker</td>")
                .contains("badge none\">skipped<").contains("badge ok\">done<")
                .contains("2026-11-30T11:59:20Z, 40s ago, took 2s");
        assertThat(html).as("converged here: nothing to retry").doesNotContain("id=\"retry\"").doesNotContain("id=\"held\"");
    }

    @Test
    void aHeldRevisionHasARetryFormWithTheSessionsFormToken() {
        for (PassStatus status : new PassStatus[] {PassStatus.HELD, PassStatus.FAILED}) {
            PassRecord last = new PassRecord("acme", "node-a", "fedcba9876543210", status, "", List.of(), NOW, NOW);
            String html = TenantPage.render(view(Optional.of(last), Optional.of("f0rm\"token")), NOW);
            assertThat(html).as(status.name()).contains("Revision <code>fedcba987654</code> is held on node node-a")
                    .contains("<form method=\"post\" action=\"/tenants/acme/retry\"><input type=\"hidden\" name=\"csrf\" value=\"f0rm&quot;token\">")
                    .contains("id=\"retry\"");
        }
    }

    @Test
    void anAnonymousReaderIsAskedToSignInToRetry() {
        String html = TenantPage.render(view(Optional.of(FAILED), Optional.empty()), NOW);
        assertThat(html).contains("id=\"held\"").contains("<a href=\"/login\">Sign in</a> to retry it.").doesNotContain("<form")
                .doesNotContain("Sign out");
    }

    @Test
    void aTenantWithoutPassesSaysSo() {
        String html = TenantPage.render(new TenantPage.View("<b>x</b>", "node-a", List.of(), Optional.empty(), Optional.empty(),
                Optional.of("Retry requested"), false), NOW);
        assertThat(html).contains("<h1>&lt;b&gt;x&lt;/b&gt;</h1>").contains("no pass of this tenant is recorded")
                .contains("id=\"flash\">Retry requested<").doesNotContain("http-equiv=\"refresh\"");
    }
}
