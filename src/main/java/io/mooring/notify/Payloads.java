package io.mooring.notify;

import io.mooring.model.CanonicalJson;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A notice as each HTTP target type takes it: the address, the headers and the body of one POST. The generic webhook
 * gets the notice as JSON, signed ({@code X-Mooring-Signature}) and with a delivery id ({@code X-Mooring-Delivery}); Slack {@code {"text"}}; Discord {@code {"content"}}; Teams an Adaptive Card in a
 * {@code message} (what Teams' Workflows webhooks take); ntfy the text with {@code Title}, {@code Priority} and
 * {@code Tags}; Gotify {@code {title, message, priority}} with its token in {@code X-Gotify-Key}.
 */
public final class Payloads {
    private static final int DISCORD_LIMIT = 2000;

    /** One POST: where, with which headers, what body. */
    public record Post(URI uri, Map<String, String> headers, String body) {
        public Post {
            headers = Map.copyOf(headers);
        }
    }

    private Payloads() {
    }

    public static Post of(Target target, Notice notice, Optional<String> pageUrl) {
        URI uri = URI.create(target.url().orElseThrow(() -> new IllegalArgumentException(target.describe() + " has no URL")).strip());
        String text = notice.text(pageUrl);
        String json = "application/json";
        return switch (target.type()) {
            case "webhook" -> webhook(uri, target.secret(), notice);
            // What a tenant's hooks and logs wrote is text, never markup: no Slack <!channel> or disguised link, no Discord @everyone.
            case "slack" -> new Post(uri, Map.of("Content-Type", json), CanonicalJson.write(map("text", slackText(text))));
            case "discord" -> new Post(uri, Map.of("Content-Type", json), CanonicalJson.write(map("content", cut(text, DISCORD_LIMIT),
                    "allowed_mentions", map("parse", List.of()))));
            case "teams" -> new Post(uri, Map.of("Content-Type", json), teams(notice, pageUrl));
            case "ntfy" -> ntfy(uri, target.secret(), notice, pageUrl);
            case "gotify" -> gotify(uri, target.secret(), notice, pageUrl);
            default -> throw new IllegalArgumentException(target.describe() + " is not sent over HTTP");
        };
    }

    /** The notice's fields as the generic webhook's JSON: event, tenant, node, revision, status, message, at, recovered. */
    public static String json(Notice notice) {
        TreeMap<String, Object> body = new TreeMap<>();
        body.put("event", notice.name());
        body.put("tenant", notice.tenant());
        body.put("node", notice.node());
        body.put("revision", notice.revision());
        body.put("status", notice.status());
        body.put("message", notice.message());
        body.put("at", notice.at().toString());
        if (notice.recovered()) {
            body.put("recovered", notice.event().word());
        }
        return CanonicalJson.write(body);
    }

    private static Post webhook(URI uri, Optional<String> secret, Notice notice) {
        String body = json(notice);
        // The delivery id follows from the body: a retry has the same one, so that the receiver can tell a replay.
        String delivery = java.util.UUID.nameUUIDFromBytes(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        Map<String, String> headers = new TreeMap<>(Map.of("Content-Type", "application/json", "X-Mooring-Event", notice.name(),
                "X-Mooring-Delivery", delivery));
        secret.ifPresent(key -> headers.put(Signature.HEADER, Signature.of(key, body)));
        return new Post(uri, headers, body);
    }

    private static String teams(Notice notice, Optional<String> pageUrl) {
        List<Object> blocks = new java.util.ArrayList<>();
        blocks.add(map("type", "TextBlock", "text", notice.title(), "weight", "Bolder", "wrap", true));
        if (!notice.message().isBlank()) {
            blocks.add(map("type", "TextBlock", "text", notice.message().strip(), "wrap", true));
        }
        TreeMap<String, Object> card = map("type", "AdaptiveCard", "version", "1.4", "body", blocks,
                "$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        pageUrl.ifPresent(url -> card.put("actions", List.of(map("type", "Action.OpenUrl", "title", "Status", "url", url))));
        return CanonicalJson.write(map("type", "message", "attachments",
                List.of(map("contentType", "application/vnd.microsoft.card.adaptive", "contentUrl", null, "content", card))));
    }

    private static Post ntfy(URI uri, Optional<String> token, Notice notice, Optional<String> pageUrl) {
        Map<String, String> headers = new TreeMap<>(Map.of("Title", ascii(notice.title()), "Priority", notice.recovered() ? "default" : "high",
                "Tags", notice.recovered() ? "white_check_mark" : "warning", "Content-Type", "text/plain; charset=utf-8"));
        pageUrl.ifPresent(url -> headers.put("Click", url));
        token.ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        String body = notice.message().isBlank() ? notice.title() : notice.message().strip();
        return new Post(uri, headers, body);
    }

    private static Post gotify(URI uri, Optional<String> token, Notice notice, Optional<String> pageUrl) {
        String base = uri.toString().replaceAll("/+$", "");
        URI message = URI.create(base.endsWith("/message") ? base : base + "/message");
        Map<String, String> headers = new TreeMap<>(Map.of("Content-Type", "application/json"));
        token.ifPresent(t -> headers.put("X-Gotify-Key", t));
        String detail = notice.detail(pageUrl);
        String body = CanonicalJson.write(map("title", notice.title(), "message", detail.isEmpty() ? notice.title() : detail,
                "priority", notice.recovered() ? 4 : 8));
        return new Post(message, headers, body);
    }

    /** HTTP header values are Latin-1 at best: anything else becomes '?'. */
    private static String ascii(String text) {
        return text.chars().mapToObj(c -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : "?").collect(java.util.stream.Collectors.joining());
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    /** Slack's three control characters escaped, as its message formatting asks: {@code <!channel>} stays text. */
    static String slackText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static TreeMap<String, Object> map(Object... pairs) {
        TreeMap<String, Object> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
