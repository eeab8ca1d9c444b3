package io.mooring.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * One notification: {@code event} happened (or, {@code recovered}, is over) to {@code tenant} (empty for a node's own
 * condition) on {@code node}, at {@code revision} (empty when none), with the pass's {@code status} and {@code message}
 * (already redacted of secrets by the pass guard).
 */
public record Notice(Event event, boolean recovered, String tenant, String node, String revision, String status, String message,
                     Instant at) {
    public Notice {
        tenant = tenant == null ? "" : tenant;
        revision = revision == null ? "" : revision;
        status = status == null ? "" : status;
        message = message == null ? "" : message;
    }

    /** The same condition, over. */
    public Notice recovery(String revision, String status, String message, Instant at) {
        return new Notice(event, true, tenant, node, revision, status, message, at);
    }

    /** The name it is sent under: the event's, or {@code recovered}. */
    public String name() {
        return recovered ? Event.RECOVERED : event.word();
    }

    /** The revision as messages show it: its first 8 characters. */
    public String shortRevision() {
        return revision.substring(0, Math.min(8, revision.length()));
    }

    /** The first line: what happened, to whom, where, at which revision. */
    public String title() {
        String what = recovered ? "recovered (was: " + event.words() + ")" : event.words();
        return what + (tenant.isEmpty() ? "" : ": " + tenant) + " on " + node + (revision.isEmpty() ? "" : " at " + shortRevision());
    }

    /** The title, then the detail. */
    public String text(Optional<String> pageUrl) {
        String detail = detail(pageUrl);
        return detail.isEmpty() ? title() : title() + "\n" + detail;
    }

    /** The pass's message, then the status page's address when there is one. */
    public String detail(Optional<String> pageUrl) {
        String text = message.strip();
        return pageUrl.map(url -> text.isEmpty() ? url : text + "\n" + url).orElse(text);
    }
}
