package io.mooring.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/**
 * A command's logs: warnings and errors of the libraries it uses, one line each on stderr (its stdout is its output:
 * a plan, a table, JSON), with the trace of what was thrown. Set up in a millisecond, where Dropwizard's logging
 * bootstrap (its layout, the JDK's logging routed through it) takes a tenth of a command's second.
 */
public final class CommandLogs {
    private CommandLogs() {
    }

    public static void start() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            configure(context);
        }
    }

    /** Warnings and errors, one line each, on stderr: all that {@code context}'s root logger does after. */
    static void configure(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.WARN);
        Line layout = new Line();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }

    /** {@code mooring: WARN logger: message}, then the trace of what was thrown. */
    static final class Line extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder("mooring: ").append(event.getLevel()).append(' ').append(event.getLoggerName())
                    .append(": ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }
}
