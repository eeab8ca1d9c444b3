package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.ManagedPooledDataSource;
import io.mooring.model.PassRecord;
import io.mooring.state.StateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's state database opened aside: on a real embedded database under a home of the test's own. */
class StateAsideTest {
    @TempDir
    Path home;

    private ManagedDataSource dataSource() {
        return Wiring.embeddedDatabase(home).build(new MetricRegistry(), "state");
    }

    private ClusterParts.NodeState open(ManagedDataSource dataSource) {
        return ClusterParts.nodeState(Wiring.embeddedDatabase(home), dataSource, home, "node-a", new MetricRegistry());
    }

    @Test
    void aCallMadeWhileTheDatabaseOpensWaitsForItThenGoesToIt() throws Exception {
        ManagedDataSource dataSource = dataSource();
        CountDownLatch proceed = new CountDownLatch(1);
        StateAside aside = StateAside.open(dataSource, "node-a", () -> {
            try {
                proceed.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return open(dataSource);
        });
        CompletableFuture<List<PassRecord>> recent = CompletableFuture.supplyAsync(() -> aside.store().recent(null, 5));

        assertThat(catchThrowable(() -> recent.get(300, TimeUnit.MILLISECONDS))).as("the database is not open yet")
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        proceed.countDown();
        assertThat(recent.get(30, TimeUnit.SECONDS)).isEmpty();
        aside.opened().start();
        assertThat(((ManagedPooledDataSource) dataSource).getPoolSize()).as("the pool's connections").isPositive();
        aside.opened().stop();
        aside.closing().stop();
        assertThat(((ManagedPooledDataSource) dataSource).getPoolSize()).as("the pool closed with the agent").isZero();
    }

    @Test
    void aDatabaseThatCannotBeOpenedFailsTheStartWithItsOwnError() throws Exception {
        Files.writeString(home.resolve("state.mv.db"), "not a database\n".repeat(300));
        Throwable direct = catchThrowable(() -> open(dataSource()));
        assertThat(direct).as("what opening it in line says").isInstanceOf(StateException.class);

        ManagedDataSource dataSource = dataSource();
        StateAside aside = StateAside.open(dataSource, "node-a", () -> open(dataSource));

        assertThat(catchThrowable(() -> aside.opened().start())).isInstanceOf(StateException.class).hasMessage(direct.getMessage());
        assertThat(catchThrowable(() -> aside.store().tenants("node-a"))).isInstanceOf(StateException.class)
                .hasMessage(direct.getMessage());
        aside.closing().stop();
    }
}
