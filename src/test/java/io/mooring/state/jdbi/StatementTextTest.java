package io.mooring.state.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.junit.jupiter.api.Test;

/**
 * The store's statements read as JDBI's own parser reads them, for every shape they take; JDBI made beside the database's
 * open.
 */
class StatementTextTest {
    private static final ColonPrefixSqlParser JDBI = new ColonPrefixSqlParser();

    @Test
    void namedParametersCastsQuotesAndCommentsAsJdbiReadsThem() {
        List<String> statements = List.of(
                "SELECT 1",
                "/* mooring health check */ SELECT 1",
                "INSERT INTO passes (tenant, node, at) VALUES (:tenant, :node, :at)",
                "SELECT * FROM passes WHERE tenant = :tenant AND status IN (:__statuses_0, :__statuses_1) ORDER BY id DESC LIMIT 1",
                "UPDATE cluster_leases SET expires_at = CURRENT_TIMESTAMP + CAST(:ms AS BIGINT) * INTERVAL '0.001' SECOND WHERE holder = :me",
                "SELECT COUNT(*) FROM cluster_leases WHERE name = 'singleton:backup' AND holder = :me AND epoch = :epoch",
                "SELECT 'it''s :not' || \"a :name\" FROM t WHERE x = :x -- :comment\n AND y = :y.z",
                "SELECT CAST(x AS TEXT)::text, :a::int FROM t /* :b */ WHERE c <> :c",
                "SELECT * FROM t WHERE a = ? AND b = ?",
                "DELETE FROM passes WHERE id IN (SELECT id FROM passes WHERE repeats <> :repeats)");
        for (String sql : statements) {
            assertThat(StatementText.scan(sql)).as(sql).isEqualTo(JDBI.parse(sql, null));
        }
    }

    @Test
    void jdbiMadeBesideTheDatabasesOpenWorksOnceThatIsDoneAndItsFailureIsThrownAsItIs() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        List<String> done = new ArrayList<>();
        Jdbi jdbi = StatementText.jdbiBeside(h2, () -> done.add(Thread.currentThread().getName()));
        assertThat(done).containsExactly(Thread.currentThread().getName());
        Integer answer = jdbi.withHandle(h -> h.createQuery("SELECT :a + 1").bind("a", 41).mapTo(Integer.class).one());
        assertThat(answer).isEqualTo(42);

        IllegalStateException failure = new IllegalStateException("the database is held");
        assertThatThrownBy(() -> StatementText.jdbiBeside(h2, () -> {
            throw failure;
        })).isSameAs(failure);
        // The making's own failure, as it is too.
        assertThatThrownBy(() -> StatementText.jdbiBeside(null, () -> { })).isInstanceOf(NullPointerException.class);
    }
}
