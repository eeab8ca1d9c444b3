package io.mooring.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the HTTP clients' wire and header logs off when the agent logs at DEBUG: they would print every byte of
 * every backup part (which also makes an upload several times slower) and the engine's and registries' auth
 * headers. A level the configuration sets for one of these loggers by name is left as it is.
 */
public final class WireLogs {
    static final List<String> LOGGERS = List.of("org.apache.http.wire", "org.apache.http.headers",
            "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");

    private WireLogs() {
    }

    public static void keepOff() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : LOGGERS) {
                Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.OFF);
                }
            }
        }
    }
}
