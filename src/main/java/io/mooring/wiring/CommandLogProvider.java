package io.mooring.wiring;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.CoreConstants;

/**
 * Logback as a command starts it, named by the launcher ({@code -Dslf4j.provider} in command.jvm): {@link CommandLogs}'
 * configuration set at once, without logback's search for one (its check of its own versions opens the jar, its report
 * of how long the search took is the process's first string concatenation, which the JVM links): 40 ms of every
 * command. A logback file or {@code -Dlogback.configurationFile} is read as logback reads it ({@link FirstLogs}).
 */
public final class CommandLogProvider extends LogbackServiceProvider {
    private final ClassLoader loader;

    /** As SLF4J makes it: a logback file looked for where logback's own classes are. */
    public CommandLogProvider() {
        this(CommandLogProvider.class.getClassLoader());
    }

    CommandLogProvider(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void initialize() {
        if (!FirstLogs.applies(loader)) {
            super.initialize();
            return;
        }
        LoggerContext context = (LoggerContext) getLoggerFactory();
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(getMDCAdapter());
        CommandLogs.configure(context);
        context.start();
    }
}
