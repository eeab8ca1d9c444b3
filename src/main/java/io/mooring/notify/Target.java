package io.mooring.notify;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One place notifications go, as the agent's {@code notifications.targets} list gives it: its {@code type}, its URL
 * ({@code urlSecret} when it came from a file, so never shown), the secret of its type (the webhook's HMAC key, ntfy's
 * bearer token, Gotify's application token), the tenants and events it takes (empty: all but {@code backup-succeeded}),
 * and for {@code email} the SMTP settings. {@link #toString()} shows neither secret nor a secret URL.
 */
public record Target(int index, String type, Optional<String> url, boolean urlSecret, Optional<String> secret, Set<String> tenants,
                     Set<String> events, Optional<Mail> mail) {
    /** The types there are. */
    public static final List<String> TYPES = List.of("webhook", "slack", "discord", "teams", "ntfy", "gotify", "email");

    /** An SMTP server and the message's addresses; {@code tls} is {@code none}, {@code starttls} or {@code tls}. */
    public record Mail(String host, int port, String from, List<String> to, Optional<String> username, Optional<String> password,
                       String tls) {
        public Mail {
            to = List.copyOf(to);
        }

        @Override
        public String toString() {
            return "smtp " + host + ":" + port + " (" + tls + ") to " + to;
        }
    }

    public Target {
        tenants = Set.copyOf(tenants);
        events = Set.copyOf(events);
    }

    /**
     * Whether this target takes {@code notice}: its tenant is one of the target's (a node's own condition goes to targets
     * without a tenant list only) and its event, or for a recovery the event that recovered, one of the target's.
     */
    public boolean takes(Notice notice) {
        boolean tenant = tenants.isEmpty() || tenants.contains(notice.tenant());
        boolean event = events.isEmpty() ? notice.event().byDefault() : events.contains(notice.event().word());
        return tenant && event;
    }

    /** How logs name it: its place in the list, its type, and its URL's scheme and host only. */
    public String describe() {
        String where = url.map(u -> urlSecret ? "URL from its urlFile" : redacted(u)).orElse(mail.map(Mail::toString).orElse(""));
        return "notifications.targets[" + index + "] (" + type + ", " + where + ")";
    }

    /** {@code https://hooks.example.com/...}: a URL without its path and query, where tokens are kept. */
    public static String redacted(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url.strip());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/...";
        } catch (IllegalArgumentException e) {
            return "(a URL that does not parse)";
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
