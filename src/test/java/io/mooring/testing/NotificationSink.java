package io.mooring.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mooring.source.WebhookVerifier;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where a test's agent sends its notifications: a JDK HTTP server on loopback with one path per target type (each
 * request kept; {@code /webhook}'s signature checked with the webhook's secret, a bad one answered 401), {@code /failing},
 * which answers 500 to everything, and a GreenMail SMTP server on a free loopback port.
 */
public final class NotificationSink implements AutoCloseable {
    /** One request as received: its headers (first value of each, names in lower case) and body. */
    public record Received(Map<String, String> headers, String body) {
    }

    public static final List<String> PATHS = List.of("webhook", "slack", "discord", "teams", "ntfy", "gotify/message", "failing");
    private final HttpServer http;
    private final GreenMail smtp;
    private final WebhookVerifier verifier;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();

    public NotificationSink(String webhookSecret) throws IOException {
        verifier = new WebhookVerifier(webhookSecret);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : PATHS) {
            received.put(path, new CopyOnWriteArrayList<>());
            http.createContext("/" + path, exchange -> take(path, exchange));
        }
        http.start();
        smtp = new GreenMail(new ServerSetup(Http.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** The address of {@code path} ({@code slack}, {@code gotify}: the server, without /message). */
    public String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + path;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public List<Received> received(String path) {
        return List.copyOf(received.get(path));
    }

    /** Webhook deliveries whose signature did not match; none is expected. */
    public List<String> badSignatures() {
        return List.copyOf(badSignatures);
    }

    /** The subjects of the mails received, in order. */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                subjects.add(message.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    private void take(String path, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            int status = path.equals("failing") ? 500 : 200;
            if (path.equals("webhook")) {
                try {
                    verifier.verify(name -> headers.get(name.toLowerCase(java.util.Locale.ROOT)), body);
                } catch (WebhookVerifier.Refused e) {
                    badSignatures.add(e.getMessage());
                    status = 401;
                }
            }
            received.get(path).add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }
}
