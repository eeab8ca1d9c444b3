package io.mooring.certs.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * HTTP-01: a plain HTTP server, up only while an order is open, that serves
 * {@code /.well-known/acme-challenge/<token>} of that order's challenges (GET or HEAD) and nothing else: any
 * other path, token or method is a 404 or 405 with no body.
 */
final class HttpChallengeServer implements ChallengeResponder {
    static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    private HttpChallengeServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code address} until closed. */
    static HttpChallengeServer start(InetSocketAddress address) throws AcmeFailure {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new AcmeFailure("ACME: cannot listen on " + address + " for the http-01 challenge: " + e.getMessage(), e);
        }
        HttpChallengeServer challenges = new HttpChallengeServer(server);
        server.createContext("/", challenges::handle);
        server.start();
        return challenges;
    }

    /** The port it listens on (the one asked for, or the one given for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void answer(Identifier identifier, Challenge challenge) {
        Http01Challenge http = (Http01Challenge) challenge;
        answers.put(http.getToken(), http.getAuthorization().getBytes(StandardCharsets.US_ASCII));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = path != null && path.startsWith(PREFIX) ? answers.get(path.substring(PREFIX.length())) : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
