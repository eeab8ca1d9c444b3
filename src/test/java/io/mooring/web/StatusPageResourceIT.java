package io.mooring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.model.ActionOutcome;
import io.mooring.model.ActionRecord;
import io.mooring.model.ActionVerb;
import io.mooring.model.NodeReport;
import io.mooring.model.PassRecord;
import io.mooring.model.PassStatus;
import io.mooring.state.StateStore;
import io.mooring.state.jdbi.JdbiClusterState;
import io.mooring.state.jdbi.JdbiStateStore;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The status page's resource on a real store (H2): the node's own view while the shared database does not answer (a
 * PostgreSQL address where nothing listens), anonymous reads that never let a write through, and an agent without a token.
 */
class StatusPageResourceIT {
    private static final Instant NOW = Instant.now();
    private final List<String> retried = new ArrayList<>();
    private StateStore store;

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbiStateStore.migrated(h2);
        store.record(new PassRecord("acme", "node-a", "fedcba9876543210", PassStatus.FAILED, "web: exited with code 3",
                List.of(new ActionRecord("web", ActionVerb.REPLACE, "tag changed: 1.0 → crash", ActionOutcome.FAILED, "exited")),
                NOW.minusSeconds(30), NOW.minusSeconds(28)));
        store.record(new PassRecord("globex", "node-a", "0123456789abcdef", PassStatus.CONVERGED, "", List.of(), NOW.minusSeconds(9),
                NOW.minusSeconds(8)));
    }

    /** The node's report: it knows globex only (acme's failure is in the store, from before the agent's restart). */
    private static NodeReport own() {
        return new NodeReport("node-a", "1.4.0", "a.example", NOW.minusSeconds(60), null, Duration.ofSeconds(10), List.of("node-b"),
                List.of(new NodeReport.Tenant("globex", List.of("web"), "0123456789abcdef", "CONVERGED", NOW.minusSeconds(8),
                        List.of(new NodeReport.Component("web", "i", "d", "running", "healthy")))));
    }

    private StatusPageResource resource(Optional<String> token, boolean anonymous) {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setUrl("jdbc:postgresql://127.0.0.1:1/mooring?connectTimeout=2");
        ClusterView view = new ClusterView(Optional.of(JdbiClusterState.on(down)), StatusPageResourceIT::own, store, "node-a", Clock.systemUTC());
        return new StatusPageResource(new PageAccess(token, anonymous, Clock.systemUTC()), view, store, "node-a", retried::add,
                Clock.systemUTC());
    }

    @Test
    void whileTheSharedDatabaseDoesNotAnswerThePageShowsThisNodesOwnViewAndSaysSo() {
        Response page = resource(Optional.of("t0ken"), true).cluster(null);
        String html = (String) page.getEntity();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(html).contains("id=\"own-view\">The cluster&#39;s state database cannot be read (the agent&#39;s log says why)")
                .contains("<tr data-tenant=\"acme\">").contains("badge bad\">failed<").contains("<tr data-tenant=\"globex\">")
                .contains("web <span class=\"badge ok\">healthy</span>").contains("1 node(s), 1 up; 2 tenant(s)")
                .doesNotContain("not-attached").doesNotContain("127.0.0.1:1");
    }

    @Test
    void anonymousReadsShowThePagesButARetryWithoutASessionIsSentToSignIn() {
        StatusPageResource anonymous = resource(Optional.of("t0ken"), true);
        String tenant = (String) anonymous.tenant("acme", null, null).getEntity();
        assertThat(tenant).contains("data-status=\"FAILED\"").contains("tag changed: 1.0 → crash").contains("<a href=\"/login\">Sign in</a> to retry")
                .doesNotContain("name=\"csrf\"");

        Response retry = anonymous.retry("acme", "anything", null, "http://127.0.0.1:8080", null, null);
        assertThat(retry.getStatus()).isEqualTo(303);
        assertThat(retry.getLocation().getPath()).isEqualTo("/login");
        assertThat(retried).as("nothing retried").isEmpty();
    }

    @Test
    void withoutATokenNorAnonymousReadsThePageSaysWhatToConfigureAndNobodySignsIn() {
        StatusPageResource off = resource(Optional.empty(), false);
        Response page = off.cluster(null);
        assertThat(page.getStatus()).isEqualTo(403);
        assertThat((String) page.getEntity()).contains("api.tokenFile").contains("api.anonymousRead: true").doesNotContain("acme");
        assertThat(off.login("", "http://127.0.0.1:8080", null, null).getStatus()).isEqualTo(403);
        assertThat(off.loginForm().getStatus()).isEqualTo(403);

        Response signIn = resource(Optional.of("t0ken"), false).cluster("forged.1.session");
        assertThat(signIn.getStatus()).as("a token but no session").isEqualTo(303);
        assertThat(signIn.getLocation().getPath()).isEqualTo("/login");
    }
}
