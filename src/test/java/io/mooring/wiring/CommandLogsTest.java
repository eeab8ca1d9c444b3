package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class CommandLogsTest {
    @Test
    void aLineNamesTheLevelTheLoggerAndTheMessageThenWhatWasThrown() {
        LoggerContext context = new LoggerContext();
        CommandLogs.Line line = new CommandLogs.Line();
        line.setContext(context);
        line.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.example.Client"), Level.WARN, "retrying {} of {}",
                new IllegalStateException("connection reset"), new Object[] {2, 3});

        String text = line.doLayout(event);

        assertThat(text).startsWith("mooring: WARN org.example.Client: retrying 2 of 3" + System.lineSeparator());
        assertThat(text).contains("java.lang.IllegalStateException: connection reset").contains("at io.mooring.wiring.CommandLogsTest");
    }
}
