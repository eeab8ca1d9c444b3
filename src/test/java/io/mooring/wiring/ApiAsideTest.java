package io.mooring.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The API's servlet made aside, in a real Jetty server: the server listens before it is made, requests wait for it. */
class ApiAsideTest {
    /** A servlet whose making waits for {@code release}, then fails when told to. */
    private static final class Held extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final transient CountDownLatch release = new CountDownLatch(1);
        private final boolean fails;

        Held(boolean fails) {
            this.fails = fails;
        }

        @Override
        public void init() throws ServletException {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fails) {
                throw new ServletException("no resource model");
            }
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print("made");
        }
    }

    @Test
    void theServerListensBeforeTheApiIsMadeAndARequestWaitsForIt() throws Exception {
        Held held = new Held(false);
        ApiAside aside = new ApiAside(held);
        Server server = server(aside);
        try {
            assertThat(aside.made()).as("started without waiting for the servlet's making").isNotDone();
            HttpClient client = HttpClient.newHttpClient();
            var answer = client.sendAsync(HttpRequest.newBuilder(uri(server)).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);
            assertThat(answer).as("waiting for the API").isNotDone();
            assertThat(aside.failure()).isEmpty();
            held.release.countDown();
            assertThat(answer.get(10, TimeUnit.SECONDS).body()).isEqualTo("made");
            assertThat(aside.failure()).isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void theApiIsMadeOnlyOnceTheServerHasStarted() throws Exception {
        Held held = new Held(false);
        held.release.countDown();
        ApiAside aside = new ApiAside(held);
        Server server = serving(aside);
        try {
            Thread.sleep(200);
            assertThat(aside.made()).as("not made while the server starts").isNotDone();
            aside.serverStarted(server);
            aside.made().get(10, TimeUnit.SECONDS);
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerThatStopsBeforeItHasStartedNeverMakesTheApiNorWaitsForIt() throws Exception {
        Held held = new Held(false);
        ApiAside aside = new ApiAside(held);
        Server server = serving(aside);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopped.get(10, TimeUnit.SECONDS);
        aside.serverStarted(server);
        Thread.sleep(200);
        assertThat(held.release.getCount()).as("Held's making never began").isEqualTo(1);
        assertThat(aside.made()).isCompletedExceptionally();
    }

    @Test
    void anApiThatCouldNotBeMadeIsAnswered503AndTold() throws Exception {
        Held held = new Held(true);
        ApiAside aside = new ApiAside(held);
        Server server = server(aside);
        try {
            held.release.countDown();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(server)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(aside.failure()).hasValueSatisfying(why -> assertThat(why).contains("the API did not start").contains("no resource model"));
        } finally {
            server.stop();
        }
    }

    private static Server server(ApiAside aside) throws Exception {
        Server server = serving(aside);
        aside.serverStarted(server);
        return server;
    }

    /** A Jetty server serving {@code aside}, started, without telling {@code aside} that it has. */
    private static Server serving(ApiAside aside) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder("api", aside), "/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    private static URI uri(Server server) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/api/tenants");
    }
}
