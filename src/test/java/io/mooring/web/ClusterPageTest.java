package io.mooring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ClusterStatus;
import io.mooring.model.NodeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status page of a cluster of two nodes and one never seen, rendered to HTML and read back row by row. */
class ClusterPageTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private static NodeReport.Component web(String state, String health) {
        return new NodeReport.Component("web", "127.0.0.1:5000/demo/web:1.0", "sha256:" + "ab".repeat(32), state, health);
    }

    private static ClusterStatus cluster() {
        NodeReport.Tenant acme = new NodeReport.Tenant("acme", List.of("web"), "0123456789abcdef", "CONVERGED", NOW.minusSeconds(7),
                List.of(web("running", "healthy")), NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(2)), null,
                NOW.plus(Duration.ofDays(60)));
        NodeReport.Tenant broken = new NodeReport.Tenant("broken", List.of("web"), "fedcba9876543210", "FAILED", NOW.minusSeconds(30),
                List.of(web("exited", "none")), null, NOW.minusSeconds(600), "pg_dump: " + HOSTILE, NOW.plus(Duration.ofDays(3)));
        NodeReport.Tenant held = new NodeReport.Tenant("globex", List.of(), "aaaaaaaaaaaaaaaa", "HELD", NOW.minusSeconds(90), List.of());
        NodeReport a = new NodeReport("node-a", "1.4.0", "a.example", NOW.minusSeconds(600), NOW.minusSeconds(2), Duration.ofSeconds(10),
                List.of("node-a", "node-b", "node-c"), List.of(acme, broken));
        NodeReport b = new NodeReport("node-b", "1.4.0", "b.example", NOW.minusSeconds(900), NOW.minusSeconds(300), Duration.ofSeconds(10),
                List.of("node-b"), List.of(held), "two agents report as node-b " + HOSTILE);
        return ClusterStatus.of(List.of(a, b), Optional.of("node-a"), NOW);
    }

    /** The row of the tenant on the page, from its opening tag to its end. */
    private static String row(String html, String tenant) {
        int start = html.indexOf("<tr data-tenant=\"" + tenant + "\">");
        assertThat(start).as("a row for " + tenant).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void showsEveryNodeWithItsStateAndEveryTenantWithItsRow() {
        String html = ClusterPage.render(cluster(), "node-a", Optional.empty(), NOW, true);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("Sign out").doesNotContain("id=\"own-view\"").doesNotContain("<script");
        assertThat(html).contains("3 node(s), 1 up; 3 tenant(s) on them, 1 converged and well, 2 to look at.");
        assertThat(html).contains("node-a</a></td><td data-label=\"State\"><span class=\"badge ok\">up</span></td>"
                        + "<td data-label=\"Leader\">yes")
                .contains("node-b</a></td><td data-label=\"State\"><span class=\"badge bad\">down</span>")
                .contains("<span class=\"badge none\">not-attached</span>");
        assertThat(html.split("<tr data-tenant=", -1)).as("one row per tenant").hasSize(4);

        assertThat(row(html, "acme")).contains("href=\"/tenants/acme\"").contains("badge ok\">converged<").contains("<code>0123456789ab</code>")
                .contains("since 3h 0m ago").contains("7s ago").contains("web <span class=\"badge ok\">healthy</span>")
                .contains("badge ok\">made</span> 2h 0m ago").contains("expires in 60d 0h");
        assertThat(row(html, "broken")).contains("badge bad\">failed<").contains("web <span class=\"badge bad\">exited</span>")
                .contains("badge bad\">failed</span> 10m ago").contains("pg_dump: &lt;img src=x onerror=alert(1)&gt;")
                .contains("badge warn\">expires in 3d 0h<");
        assertThat(row(html, "globex")).contains("badge bad\">held<").contains("<code>aaaaaaaaaaaa</code>");
        assertThat(html).doesNotContain(HOSTILE).contains("two agents report as node-b &lt;img");
    }

    @Test
    void aHostileTenantNameIsTextAndAnEncodedLink() {
        NodeReport.Tenant evil = new NodeReport.Tenant("\"><script>alert(1)</script>", List.of(), "", "", null, List.of());
        NodeReport a = new NodeReport("node-a", "1.4.0", "a.example", NOW, NOW, Duration.ofSeconds(10), List.of(), List.of(evil));
        String html = ClusterPage.render(ClusterStatus.of(List.of(a), Optional.empty(), NOW), "node-a", Optional.empty(), NOW, false);

        assertThat(html).doesNotContain("<script>").doesNotContain("\"><script").doesNotContain("Sign out")
                .contains("href=\"/tenants/%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E\"")
                .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>").contains("badge none\">no pass yet<");
    }

    @Test
    void thisNodesOwnViewSaysSo() {
        String html = ClusterPage.render(cluster().only("node-a"), "node-a", Optional.of("The cluster's state database cannot be read"), NOW, false);
        assertThat(html).contains("<p class=\"note\" id=\"own-view\">The cluster&#39;s state database cannot be read</p>");
        assertThat(Arrays.stream(html.split("\n")).filter(l -> l.contains("Tenants on"))).hasSize(1);
    }
}
