package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FirstLogsTest {
    private static List<Appender<?>> appenders(Logger root) {
        List<Appender<?>> all = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(all::add);
        return all;
    }

    @Test
    void withoutALogbackFileTheRootLogsWarningsToStderrAndLogbackLooksNoFurther() throws Exception {
        LoggerContext context = new LoggerContext();
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            FirstLogs first = new FirstLogs(bare);
            first.setContext(context);

            assertThat(first.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(appenders(root)).singleElement().isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
    }

    @Test
    void aLogbackFileOnTheClassPathIsLeftToLogback() {
        // The tests' own logback-test.xml is on this class path.
        LoggerContext context = new LoggerContext();
        FirstLogs first = new FirstLogs();
        first.setContext(context);

        assertThat(first.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(appenders(context.getLogger(Logger.ROOT_LOGGER_NAME))).isEmpty();
    }

    @Test
    void logbackFindsIt() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream().map(p -> p.type().getName()))
                .contains(FirstLogs.class.getName());
    }

    @Test
    void withoutALogbackFileACommandsProviderLogsWarningsToStderrFromItsStart() throws Exception {
        CommandLogProvider provider;
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            provider = new CommandLogProvider(bare);
            provider.initialize();
        }
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertThat(context.isStarted()).isTrue();
        assertThat(context.getName()).isEqualTo("default");
        assertThat(context.getMDCAdapter()).isSameAs(provider.getMDCAdapter());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(appenders(root)).singleElement().isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        assertThat(appenders(root).get(0).getName()).isNull();
    }

    @Test
    void aLogbackFileOnTheClassPathIsReadByTheCommandsProviderAsLogbackReadsIt() {
        // The tests' own logback-test.xml is on this class path: its appender, named, not a command's.
        CommandLogProvider provider = new CommandLogProvider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertThat(context.isStarted()).isTrue();
        assertThat(appenders(context.getLogger(Logger.ROOT_LOGGER_NAME))).singleElement()
                .isInstanceOfSatisfying(ConsoleAppender.class, console -> assertThat(console.getName()).isEqualTo("STDERR"));
    }
}
