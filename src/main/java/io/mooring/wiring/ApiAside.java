package io.mooring.wiring;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.jersey.setup.JerseyServletContainer;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's Jersey application (the model of its resources, their injection and providers: some 0.3 CPU-seconds of
 * each start) made on a thread of its own once the server has started, not before it listens: the admin port's health
 * check, and the reconcile loop, never needed it, and made while the server started it took the second core from the
 * start's own work. A request to the application port that comes first waits for it. Should making it fail, the
 * failure is logged, each such request is answered 503 naming it, and the {@code api} health check is unhealthy with
 * it, so that a supervisor sees it rather than an agent without its API.
 */
public final class ApiAside implements Servlet, ServerLifecycleListener {
    static final String HEALTH_CHECK = "api";
    private static final Logger LOG = LoggerFactory.getLogger(ApiAside.class);

    private final Servlet jersey;
    private final CompletableFuture<Void> made = new CompletableFuture<>();
    private ServletConfig config;
    private boolean serverStarted;
    private boolean begun;

    ApiAside(Servlet jersey) {
        this.jersey = jersey;
    }

    /** The API of {@code environment} made aside when its server starts, told by the {@code api} health check. */
    public static ApiAside attach(Environment environment) {
        ApiAside aside = new ApiAside(new JerseyServletContainer(environment.jersey().getResourceConfig()));
        environment.jersey().replace(config -> aside);
        environment.lifecycle().addServerLifecycleListener(aside);
        environment.healthChecks().register(HEALTH_CHECK, new HealthCheck() {
            @Override
            protected Result check() {
                return aside.failure().map(Result::unhealthy).orElseGet(Result::healthy);
            }
        });
        return aside;
    }

    /** Done once the API is made, or failed to be. */
    public CompletableFuture<Void> made() {
        return made;
    }

    /** Why the API could not be made; nothing while it is made or being made. */
    java.util.Optional<String> failure() {
        if (!made.isCompletedExceptionally()) {
            return java.util.Optional.empty();
        }
        try {
            made.get();
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        } catch (ExecutionException e) {
            return java.util.Optional.of("the API did not start: " + e.getCause());
        }
    }

    /** Jetty's servlet start: the API is made once the server has started too. */
    @Override
    public synchronized void init(ServletConfig config) {
        this.config = config;
        if (serverStarted) {
            make();
        }
    }

    @Override
    public synchronized void serverStarted(Server server) {
        serverStarted = true;
        if (config != null) {
            make();
        }
    }

    private void make() {
        if (begun || made.isDone()) {
            return;
        }
        begun = true;
        Thread thread = new Thread(() -> {
            try {
                jersey.init(config);
                made.complete(null);
            } catch (Throwable e) { // an Error too: the requests waiting for it must be answered
                LOG.error("the API did not start", e);
                made.completeExceptionally(e);
            }
        }, "mooring-api-start");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        if (!ready()) {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, failure().orElse("the API is not ready"));
            return;
        }
        jersey.service(request, response);
    }

    /** Waits for the API to be made: whether it was. */
    private boolean ready() {
        try {
            made.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Destroyed with its server: one that stops before it has started never makes the API, and waits for nothing. */
    @Override
    public void destroy() {
        synchronized (this) {
            if (!begun) {
                made.completeExceptionally(new IllegalStateException("the server stopped before the API was made"));
                return;
            }
        }
        if (ready()) {
            jersey.destroy();
        }
    }

    @Override
    public ServletConfig getServletConfig() {
        return jersey.getServletConfig();
    }

    @Override
    public String getServletInfo() {
        return jersey.getServletInfo();
    }
}
