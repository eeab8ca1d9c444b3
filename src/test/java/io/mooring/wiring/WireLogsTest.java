package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WireLogsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Level rootBefore = context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();

    @AfterEach
    void restore() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootBefore);
        WireLogs.LOGGERS.forEach(name -> context.getLogger(name).setLevel(null));
    }

    @Test
    void atDebugTheWireAndHeaderLogsStayOffUnlessConfiguredByName() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
        context.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.DEBUG);

        WireLogs.keepOff();

        assertThat(LoggerFactory.getLogger("org.apache.http.wire").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.http.headers").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.wire").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.headers").isDebugEnabled()).as("set by name").isTrue();
        assertThat(LoggerFactory.getLogger("org.apache.http.impl.conn").isDebugEnabled()).as("other loggers follow the root").isTrue();
    }
}
