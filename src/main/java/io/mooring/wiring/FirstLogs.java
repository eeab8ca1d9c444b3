package io.mooring.wiring;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration before anyone else's: a command's (see {@link CommandLogs}), which the agent's server
 * replaces with its file's {@code logging} block as it starts. Found by logback's service loader, it spares every
 * process logback's own search for configuration files and its default layout: a twentieth of a command's time. A
 * {@code logback.xml} (or {@code logback-test.xml}) on the class path or {@code -Dlogback.configurationFile} is
 * still read as logback reads it.
 */
public final class FirstLogs extends ContextAwareBase implements Configurator {
    private static final String[] FILES = {"logback-test.xml", "logback.xml"};
    private final ClassLoader loader;

    /** As logback's service loader makes it: the files looked for where its own classes are. */
    public FirstLogs() {
        this(FirstLogs.class.getClassLoader());
    }

    FirstLogs(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!applies(loader)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        CommandLogs.configure(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether no logback file where {@code loader} looks, and no {@code -Dlogback.configurationFile}, asks for another. */
    static boolean applies(ClassLoader loader) {
        if (System.getProperty("logback.configurationFile") != null) {
            return false;
        }
        for (String file : FILES) {
            if (loader.getResource(file) != null) {
                return false;
            }
        }
        return true;
    }
}
