package io.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A command whose steps each ask for Dropwizard's bootstrap (status --config reads the agent file, then its mapper) makes it once. */
class CommandLineTest {
    @Test
    void theBootstrapIsMadeOnceHoweverOftenItIsAskedFor() {
        AtomicInteger made = new AtomicInteger();
        Supplier<Bootstrap<?>> once = CommandLine.once(() -> {
            made.incrementAndGet();
            return new Bootstrap<>(new Plain());
        });

        Bootstrap<?> first = once.get();

        assertThat(once.get()).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    private static final class Plain extends Application<Configuration> {
        @Override
        public void run(Configuration configuration, Environment environment) {
        }
    }
}
