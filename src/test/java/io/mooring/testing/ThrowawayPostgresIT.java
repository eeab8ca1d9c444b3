package io.mooring.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The rig the fleet tests stop their state database with: stopped, it refuses; started again, its data is there. */
class ThrowawayPostgresIT {

    @Test
    void stopsAndStartsAgainWithItsDataWhileTheMachinesServerRunsOn() throws Exception {
        try (ThrowawayPostgres server = ThrowawayPostgres.start()) {
            assertThat(server.port()).isNotEqualTo(TestPostgres.PORT);
            server.createDatabase("kept");
            server.execute("kept", "CREATE TABLE t (v int)", "INSERT INTO t VALUES (1), (2)");

            server.stop();
            assertThat(server.running()).isFalse();
            assertThatThrownBy(() -> server.queryLong("kept", "SELECT count(*) FROM t")).isInstanceOf(SQLException.class);
            assertThat(TestPostgres.exists("postgres")).as("the machine's server is another one, still up").isTrue();

            server.startAgain();
            assertThat(server.queryLong("kept", "SELECT count(*) FROM t")).isEqualTo(2);
        }
    }
}
