package io.mooring.wiring;

import ch.qos.logback.access.jetty.RequestLogImpl;
import ch.qos.logback.core.status.Status;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's own status list kept out of the agent's output. Dropwizard's request log (logback-access) prints
 * that list at every start because of a version check no Dropwizard application passes: it reads logback-access's
 * version from the package of Dropwizard's class, and logback-core's expected version from a key its own file does not
 * have. Six lines at every start, one a warning that versions differ when nothing is wrong. An error in the list is
 * still logged, as the agent logs.
 */
public final class RequestLogStatus implements LifeCycle.Listener, ServerLifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogStatus.class);

    private RequestLogStatus() {
    }

    /** The request log of the server {@code lifecycle} starts: quiet at its start, its errors logged once it has started. */
    public static void keepQuiet(LifecycleEnvironment lifecycle) {
        RequestLogStatus status = new RequestLogStatus();
        lifecycle.addEventListener(status);
        lifecycle.addServerLifecycleListener(status);
    }

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server && server.getRequestLog() instanceof RequestLogImpl log) {
            log.setQuiet(true);
        }
    }

    @Override
    public void serverStarted(Server server) {
        if (server.getRequestLog() instanceof RequestLogImpl log) {
            log.getStatusManager().getCopyOfStatusList().stream().filter(status -> status.getLevel() == Status.ERROR)
                    .forEach(status -> LOG.error("request log: {}", status.getMessage(), status.getThrowable()));
        }
    }
}
